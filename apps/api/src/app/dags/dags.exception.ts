import { featureException } from '../../services/http/api-exception';

export const DagException = featureException('DagException', {
  dagNotFound: 'notFound',
  teamChangeForbidden: 'forbidden',
  noSuchTeam: 'invalid',
});
