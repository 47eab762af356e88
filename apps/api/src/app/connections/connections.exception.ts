import { featureException } from '../../services/http/api-exception';

export const ConnectionException = featureException('ConnectionException', {
  connectionNotFound: 'notFound',
  connectionExists: 'conflict',
});
