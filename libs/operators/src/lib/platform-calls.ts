import type { TaskConnection, TaskContext } from '@updraft/sdk';

/** What tenant code may ask of whoever runs it (a worker, or `updraft dags test`), for its own run only. */
export type PlatformCall =
  | { method: 'xcomPull'; taskId: string; key: string }
  /** A variable by key (secret ones decrypted only for this call); null when undefined. */
  | { method: 'getVariable'; key: string }
  /** A connection by id, password decrypted only for this call; null when undefined. */
  | { method: 'getConnection'; connId: string }
  /** The `extra` of the asset event this try records for one of its outlets when it succeeds. */
  | { method: 'setOutletExtra'; uri: string; extra: Record<string, unknown> };

/** What a template sees of its run (besides platform lookups). */
export type TemplateContext = Omit<TaskContext, 'log' | 'ti' | 'var' | 'conn' | 'setOutletExtra'> & {
  operator: string;
};

/** `ctx.ti`, `ctx.var` and `ctx.conn` of a task function, answered by `call` (null means "not defined"). */
export function taskAccessors(
  call: (call: PlatformCall) => Promise<unknown>,
): Pick<TaskContext, 'ti' | 'var' | 'conn' | 'setOutletExtra'> {
  return {
    setOutletExtra: async (asset, extra) => {
      const uri = typeof asset === 'string' ? asset : asset?.uri;
      if (typeof uri !== 'string') throw new Error('setOutletExtra needs an asset (or its URI)');
      if (extra === null || typeof extra !== 'object' || Array.isArray(extra))
        throw new Error('setOutletExtra needs a JSON object as the extra');
      await call({ method: 'setOutletExtra', uri, extra: JSON.parse(JSON.stringify(extra)) });
    },
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
