export * from './lib/context';
export { chain, dag, Dag, definedDags, Task } from './lib/dag';
export * from './lib/duration';
export * from './lib/errors';
export * from './lib/operators';
export * from './lib/types';
export * from './lib/timetable';
export { XComArg, type ExpandArgs, type ExpandSource } from './lib/mapping';
export * from './lib/sensors';
