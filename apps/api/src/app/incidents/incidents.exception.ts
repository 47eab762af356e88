import { featureException } from '../../services/http/api-exception';

export const IncidentException = featureException('IncidentException', {
  incidentNotFound: 'notFound',
  incidentNotOpen: 'conflict',
  incidentResolved: 'conflict',
});
