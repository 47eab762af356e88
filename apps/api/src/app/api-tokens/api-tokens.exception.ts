import { featureException } from '../../services/http/api-exception';

export const ApiTokenException = featureException('ApiTokenException', {
  tokenNotFound: 'notFound',
  tokenCannotCreate: 'forbidden',
  scopesBeyondRole: 'invalid',
});
