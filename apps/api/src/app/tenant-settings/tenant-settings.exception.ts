import { featureException } from '../../services/http/api-exception';

export const TenantSettingsException = featureException('TenantSettingsException', {
  tenantNotFound: 'notFound',
  notForApiTokens: 'forbidden',
});
