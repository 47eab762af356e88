export * from './lib/access.decorators';
export * from './lib/access.guard';
export * from './lib/auth.module';
export * from './lib/jwt.strategy';
export * from './lib/password-hasher';
export * from './lib/session-tokens';
export * from './lib/api-token';
