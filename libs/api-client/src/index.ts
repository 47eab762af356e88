export * from './lib/client';
export type { components, operations, paths } from './lib/schema';
