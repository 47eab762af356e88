export * from './lib/api-types';
export * from './lib/account-types';
export * from './lib/access-types';
export * from './lib/notification-types';
export * from './lib/backfill-types';
export * from './lib/pool-types';
export * from './lib/operate-types';
export * from './lib/dag-view-types';
