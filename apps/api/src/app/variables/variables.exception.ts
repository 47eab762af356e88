import { featureException } from '../../services/http/api-exception';

export const VariableException = featureException('VariableException', {
  variableNotFound: 'notFound',
  variableExists: 'conflict',
  plainValueMissing: 'invalid',
});
