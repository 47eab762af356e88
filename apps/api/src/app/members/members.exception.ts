import { featureException } from '../../services/http/api-exception';

export const MemberException = featureException('MemberException', {
  notAMember: 'notFound',
  lastOwner: 'conflict',
  ownerOnly: 'forbidden',
});
