import { featureException } from '../../services/http/api-exception';

export const ApprovalException = featureException('ApprovalException', {
  approvalNotFound: 'notFound',
  notAnAssignee: 'forbidden',
  alreadyAnswered: 'conflict',
  unknownOption: 'invalid',
  invalidForm: 'invalid',
});
