export * from './lib/egress-fetch';
export * from './lib/egress-policy';
export * from './lib/egress.module';
export * from './lib/operator-egress';
