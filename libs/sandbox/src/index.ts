export * from './lib/bash-process';
export * from './lib/bash-root';
export * from './lib/isolation';
export * from './lib/output-lines';
export * from './lib/protocol';
export * from './lib/sandbox-pool';
export * from './lib/sandbox-process';
export * from './lib/supervision';
