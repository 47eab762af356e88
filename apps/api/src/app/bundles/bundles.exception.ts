import { featureException } from '../../services/http/api-exception';

export const BundleException = featureException('BundleException', {
  archiveMissing: 'invalid',
  bundleRejected: 'invalid',
  versionNotFound: 'notFound',
  rollbackRefused: 'conflict',
});

export const versionNotFound = (id: string) =>
  new BundleException('versionNotFound', `bundle version '${id}' not found`);
