export * from './lib/api-types';
export * from './lib/access-types';
