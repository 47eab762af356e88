/**
 * Jinja-style templates (Nunjucks) with Airflow's names. On the platform they render inside a sandbox
 * process only (a template is tenant input, as able as tenant code); `updraft dags test` renders
 * them in the cli, on the author's own machine.
 */
import { Environment } from 'nunjucks';
import type { PlatformCall, TemplateContext } from './platform-calls';
import type { SerializedTask } from '@updraft/sdk';
import { holdsTemplate, TEMPLATE_SYNTAX } from './template-syntax';

/** Lookups whose key comes from an earlier lookup need one more pass each; this bounds the chain. */
const MAX_PASSES = 5;

type Lookup = { ok: true; value: unknown } | { ok: false; error: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toDate(value: unknown, what: string): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`${what}: '${String(value)}' is not a date`);
  return date;
}

/** strftime's common directives, in UTC: %Y %m %d %H %M %S %j %y %b %a %%. */
function strftime(date: Date, format: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const dayOfYear = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const parts: Record<string, string> = {
    Y: String(date.getUTCFullYear()),
    y: pad(date.getUTCFullYear() % 100),
    m: pad(date.getUTCMonth() + 1),
    d: pad(date.getUTCDate()),
    H: pad(date.getUTCHours()),
    M: pad(date.getUTCMinutes()),
    S: pad(date.getUTCSeconds()),
    j: pad(dayOfYear, 3),
    b: months[date.getUTCMonth()],
    a: days[date.getUTCDay()],
    '%': '%',
  };
  return format.replace(/%(.)/g, (whole, directive: string) => parts[directive] ?? whole);
}

/** Reads a date written with strftime directives (%Y %m %d %H %M %S), as UTC. */
function strptime(text: string, format: string): Date {
  const fields: string[] = [];
  const pattern = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([YmdHMS])/g, (_, directive: string) => {
    fields.push(directive);
    return directive === 'Y' ? '(\\d{4})' : '(\\d{2})';
  });
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (!match) throw new Error(`ds_format: '${text}' does not match '${format}'`);
  const value = (directive: string, fallback: number) =>
    fields.includes(directive) ? Number(match[fields.indexOf(directive) + 1]) : fallback;
  return new Date(
    Date.UTC(value('Y', 1970), value('m', 1) - 1, value('d', 1), value('H', 0), value('M', 0), value('S', 0)),
  );
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Date macros, as in Airflow's `macros` (plus `add`/`format` for ISO timestamps). */
export const MACROS = {
  /** `ds_add('2024-01-31', 1)` → `'2024-02-01'`. */
  ds_add: (ds: string, days: number) =>
    new Date(toDate(ds, 'ds_add').getTime() + Number(days) * 86_400_000).toISOString().slice(0, 10),
  /** `ds_format('2024-01-31', '%Y-%m-%d', '%d/%m/%Y')` → `'31/01/2024'`. */
  ds_format: (ds: string, input: string, output: string) => strftime(strptime(ds, input), output),
  /** `add(ts, '90m')` or `add(ts, -2, 'd')`: an ISO timestamp moved by a duration. */
  add: (date: unknown, amount: string | number, unit = 'ms') => {
    const match = typeof amount === 'string' ? /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(amount.trim()) : null;
    const ms = match ? Number(match[1]) * UNIT_MS[match[2]] : Number(amount) * (UNIT_MS[unit] ?? NaN);
    if (!Number.isFinite(ms))
      throw new Error(`add: '${amount}${match ? '' : unit}' is not a duration like '90m' or -2, 'd'`);
    return new Date(toDate(date, 'add').getTime() + ms).toISOString();
  },
  /** `format(logical_date, '%Y/%m/%d')`. */
  format: (date: unknown, format: string) => strftime(toDate(date, 'format'), format),
  /** Seconds since the epoch. */
  timestamp: (date: unknown) => Math.floor(toDate(date, 'timestamp').getTime() / 1000),
};

/** The variables a template sees. Platform lookups answer from `lookups`; a key not yet fetched is noted in `wanted`. */
function templateVariables(
  context: TemplateContext,
  lookups: Map<string, Lookup>,
  wanted: Map<string, PlatformCall>,
): Record<string, unknown> {
  const lookup = (key: string, call: PlatformCall, what: string): unknown => {
    const found = lookups.get(key);
    if (!found) {
      wanted.set(key, call);
      return undefined;
    }
    if (!found.ok) throw new Error(`${what}: ${found.error}`);
    return found.value;
  };
  const keyed = (read: (key: string) => unknown) =>
    new Proxy({}, { get: (_, key) => (typeof key === 'string' ? read(key) : undefined) });
  const xcomPull = (taskId: string, key = 'return_value') => {
    // Keyed by a value still being fetched: the next pass asks again.
    if (typeof taskId !== 'string' && wanted.size > 0) return undefined;
    if (typeof taskId !== 'string') throw new Error(`ti.xcomPull needs a task id, got ${String(taskId)}`);
    return lookup(`xcom:${taskId}:${key}`, { method: 'xcomPull', taskId, key }, `ti.xcomPull('${taskId}')`);
  };
  const defined = (value: unknown, what: string) => {
    if (value === null) throw new Error(`${what} is not defined`);
    return value;
  };
  const variable = (key: string) =>
    defined(lookup(`var:${key}`, { method: 'getVariable', key }, `var '${key}'`), `variable '${key}'`);
  const logicalDate = context.logicalDate;
  const nodash = (iso: string) => iso.slice(0, 19).replace(/[-:]/g, '');
  return {
    ds: context.ds,
    ds_nodash: context.ds.replace(/-/g, ''),
    ts: logicalDate,
    ts_nodash: nodash(logicalDate),
    logical_date: logicalDate,
    data_interval_start: context.dataIntervalStart,
    data_interval_end: context.dataIntervalEnd,
    params: context.params,
    run_id: context.runId,
    dag_run: { run_id: context.runId, conf: context.conf, logical_date: logicalDate },
    triggering_asset_events: context.triggeringAssetEvents ?? {},
    dag: { dag_id: context.dagId },
    task: { task_id: context.taskId, operator: context.operator },
    ti: {
      xcomPull,
      xcom_pull: xcomPull,
      try_number: context.tryNumber,
      map_index: context.mapIndex,
      task_id: context.taskId,
      dag_id: context.dagId,
      run_id: context.runId,
    },
    var: {
      value: keyed(variable),
      json: keyed((key) => {
        const raw = variable(key);
        if (raw === undefined || typeof raw !== 'string') return raw;
        try {
          return JSON.parse(raw);
        } catch {
          throw new Error(`var.json.${key}: the variable is not JSON`);
        }
      }),
    },
    conn: keyed((connId) =>
      defined(
        lookup(`conn:${connId}`, { method: 'getConnection', connId }, `conn '${connId}'`),
        `connection '${connId}'`,
      ),
    ),
    macros: MACROS,
  };
}

function renderValue(value: unknown, render: (template: string) => string): unknown {
  if (typeof value === 'string') return TEMPLATE_SYNTAX.test(value) ? render(value) : value;
  if (Array.isArray(value)) return value.map((item) => renderValue(item, render));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, render)]));
  return value;
}

/**
 * Renders every template in `fields`. Nunjucks renders synchronously, so XCom, variables and
 * connections are fetched between passes: a pass notes what it lacks, the lacking values are
 * fetched, and the next pass renders with them.
 * @throws Error naming the field when a template does not compile or render.
 */
export async function renderFields(
  fields: Record<string, unknown>,
  context: TemplateContext,
  fetch: (call: PlatformCall) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const env = new Environment(null, { autoescape: false });
  const lookups = new Map<string, Lookup>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const wanted = new Map<string, PlatformCall>();
    const variables = templateVariables(context, lookups, wanted);
    let rendered: Record<string, unknown> | undefined;
    let failure: Error | undefined;
    try {
      rendered = Object.fromEntries(
        Object.entries(fields).map(([name, value]) => [
          name,
          renderValue(value, (template) => renderOne(env, name, template, variables)),
        ]),
      );
    } catch (error) {
      failure = error as Error;
    }
    if (wanted.size === 0) {
      if (failure || !rendered) throw failure;
      return rendered;
    }
    await Promise.all(
      [...wanted].map(async ([key, call]) => {
        try {
          lookups.set(key, { ok: true, value: await fetch(call) });
        } catch (error) {
          lookups.set(key, { ok: false, error: (error as Error).message });
        }
      }),
    );
  }
  throw new Error(`templates looked up values more than ${MAX_PASSES} levels deep`);
}

function renderOne(env: Environment, field: string, template: string, variables: Record<string, unknown>): string {
  try {
    return env.renderString(template, variables);
  } catch (error) {
    // Nunjucks wraps errors in "(unknown path)\n  Error: …"; keep the reason and where it happened.
    const reason = (error as Error).message
      .replace(/^\(unknown path\)\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    throw new Error(`template in '${field}': ${reason}`);
  }
}

/** The task's declared template fields that hold template syntax (the ones worth rendering), by name. */
export function fieldsToRender(task: Pick<SerializedTask, 'templateFields' | 'config'>): Record<string, unknown> {
  return Object.fromEntries(
    (task.templateFields ?? [])
      .filter((name) => holdsTemplate(task.config[name]))
      .map((name) => [name, task.config[name]]),
  );
}
