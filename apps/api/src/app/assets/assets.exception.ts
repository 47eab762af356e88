import { featureException } from '../../services/http/api-exception';

export const AssetException = featureException('AssetException', {
  assetNotFound: 'notFound',
});
