import { featureException } from '../../services/http/api-exception';

export const PoolException = featureException('PoolException', {
  poolNotFound: 'notFound',
  poolExists: 'conflict',
  defaultPoolKept: 'invalid',
});
