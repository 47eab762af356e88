import type { TaskConnection, TaskContext } from '@updraft/sdk';

/** What tenant code may ask of whoever runs it (a worker, or `updraft dags test`), for its own run only. */
export type PlatformCall =
  | { method: 'xcomPull'; taskId: string; key: string }
  /** A variable by key (secret ones decrypted only for this call); null when undefined. */
  | { method: 'getVariable'; key: string }
  /** A connection by id, password decrypted only for this call; null when undefined. */
  | { method: 'getConnection'; connId: string };

/** What a template sees of its run (besides platform lookups). */
export type TemplateContext = Omit<TaskContext, 'log' | 'ti' | 'var' | 'conn'> & { operator: string };

/** `ctx.ti`, `ctx.var` and `ctx.conn` of a task function, answered by `call` (null means "not defined"). */
export function taskAccessors(
  call: (call: PlatformCall) => Promise<unknown>,
): Pick<TaskContext, 'ti' | 'var' | 'conn'> {
  return {
    ti: { xcomPull: (taskId: string, key = 'return_value') => call({ method: 'xcomPull', taskId, key }) },
    var: {
      get: async (key: string, fallback?: string) => {
        const value = (await call({ method: 'getVariable', key })) as string | null;
        if (value !== null) return value;
        if (fallback !== undefined) return fallback;
        throw new Error(`variable '${key}' is not defined`);
      },
    },
    conn: {
      get: async (connId: string) => {
        const connection = (await call({ method: 'getConnection', connId })) as TaskConnection | null;
        if (connection === null) throw new Error(`connection '${connId}' is not defined`);
        return connection;
      },
    },
  };
}
