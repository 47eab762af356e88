import { featureException } from '../../services/http/api-exception';

export const AccountSessionException = featureException('AccountSessionException', {
  sessionNotFound: 'notFound',
  notForApiTokens: 'forbidden',
  wrongPassword: 'invalid',
  weakPassword: 'invalid',
});
