import { featureException } from '../../services/http/api-exception';

export const TeamException = featureException('TeamException', {
  teamNotFound: 'notFound',
  teamExists: 'conflict',
  notInTenant: 'invalid',
  notInTeam: 'notFound',
});
