export * from './lib/http-operator';
export * from './lib/outcome';
export * from './lib/platform-calls';
export * from './lib/response-body';
export * from './lib/sensor-operator';
export * from './lib/sql-operator';
export * from './lib/template-syntax';
export * from './lib/templates';
