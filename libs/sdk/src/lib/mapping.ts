/** Where a mapped task's argument comes from: a list given in the DAG, or an upstream task's XCom (a list). */
export type ExpandSource = { kind: 'literal'; values: unknown[] } | { kind: 'xcom'; taskId: string };

/** A reference to a task's return value, resolved at run time (`producer.output`). */
export class XComArg<T = unknown> {
  /** Only carries the value's type; never set. */
  declare readonly valueType?: T;

  /** @internal */
  constructor(readonly taskId: string) {}
}

/** What `expand` takes for a task whose function's second parameter is `A`: for each key, a list of values or an upstream list. */
export type ExpandArgs<A> = { [K in keyof A]: readonly A[K][] | XComArg<readonly A[K][]> };

/** @internal Turns `expand`'s argument into its JSON form; returns an error message when it is not usable. */
export function toExpandSources(args: Record<string, unknown>): Record<string, ExpandSource> | string {
  if (args === null || typeof args !== 'object' || Array.isArray(args))
    return 'expand() takes an object: { argName: [values] | upstream.output }';
  const entries = Object.entries(args);
  if (entries.length === 0) return 'expand() needs at least one argument';
  const sources: Record<string, ExpandSource> = {};
  for (const [name, value] of entries) {
    if (value instanceof XComArg) sources[name] = { kind: 'xcom', taskId: value.taskId };
    else if (Array.isArray(value)) sources[name] = { kind: 'literal', values: [...value] };
    else return `expand(): '${name}' must be a list or another task's output (task.output)`;
  }
  return sources;
}
