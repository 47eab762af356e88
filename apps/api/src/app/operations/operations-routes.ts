import { RequestMethod } from '@nestjs/common';

/** Kubernetes' probes and Prometheus' scrape: served outside /api/v1, where they are looked for. */
export const OPERATIONS_PATHS = ['health/live', 'health/ready', 'metrics'];

/** For `setGlobalPrefix(…, { exclude })`. */
export const OPERATIONS_ROUTES = OPERATIONS_PATHS.map((path) => ({ path, method: RequestMethod.GET }));

/** Requests to them: answered every few seconds, so timed but neither logged nor traced. */
export const OPERATIONS_REQUEST = new RegExp(`^/(${OPERATIONS_PATHS.join('|')})(\\?|$)`);
