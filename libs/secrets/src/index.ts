export * from './lib/secret-box';
export * from './lib/secrets.module';
