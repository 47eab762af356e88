import { featureException } from '../../services/http/api-exception';

export const WebhookException = featureException('WebhookException', {
  webhookNotFound: 'notFound',
  webhookExists: 'conflict',
  dagNotFound: 'notFound',
  invalidWebhook: 'invalid',
  badSignature: 'unauthenticated',
  staleTimestamp: 'unauthenticated',
  invalidCall: 'invalid',
});
