import { featureException } from '../../services/http/api-exception';

export const NotificationChannelException = featureException('NotificationChannelException', {
  channelNotFound: 'notFound',
  channelExists: 'conflict',
  invalidChannelConfig: 'invalid',
});

export const channelNotFound = () =>
  new NotificationChannelException('channelNotFound', 'no such notification channel');
