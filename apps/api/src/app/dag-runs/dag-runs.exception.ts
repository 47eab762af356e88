import { featureException } from '../../services/http/api-exception';

export const DagRunException = featureException('DagRunException', {
  dagNotFound: 'notFound',
  runNotFound: 'notFound',
  taskNotFound: 'notFound',
  invalidParams: 'invalid',
  unknownTasks: 'invalid',
  runExists: 'conflict',
});
