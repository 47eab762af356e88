import { featureException } from '../../services/http/api-exception';

export const TaskInstanceException = featureException('TaskInstanceException', {
  taskNotFound: 'notFound',
  tryNotFound: 'notFound',
});
