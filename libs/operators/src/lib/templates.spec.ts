import type { PlatformCall, TemplateContext } from './platform-calls';
import { MACROS, renderFields } from './templates';

const context: TemplateContext = {
  dagId: 'etl',
  taskId: 'load',
  operator: 'bash',
  runId: 'scheduled__2024-03-05T00:00:00.000Z',
  logicalDate: '2024-03-05T00:00:00.000Z',
  ds: '2024-03-05',
  dataIntervalStart: '2024-03-04T00:00:00.000Z',
  dataIntervalEnd: '2024-03-05T00:00:00.000Z',
  tryNumber: 2,
  mapIndex: -1,
  params: { region: 'eu' },
  conf: { region: 'eu' },
  triggeringAssetEvents: {
    's3://lake/orders': [
      {
        id: '7',
        uri: 's3://lake/orders',
        extra: { rows: 42 },
        sourceDagId: 'ingest',
        sourceRunId: 'manual__1',
        sourceTaskId: 'load',
        timestamp: '2024-03-05T00:00:00.000Z',
      },
    ],
  },
};

/** Platform answers like a worker's: a few XComs, one variable, one connection; getConnection for others is "not defined" (null). */
function platform() {
  const calls: PlatformCall[] = [];
  const fetch = async (call: PlatformCall) => {
    calls.push(call);
    if (call.method === 'xcomPull')
      return ({ extract: { rows: 42, next: 'count' }, count: 7 } as Record<string, unknown>)[call.taskId];
    if (call.method === 'getVariable' && call.key === 'nope') throw new Error('getVariable is not available');
    if (call.method === 'getVariable') return call.key === 'limits' ? '{"max":3}' : null;
    if (call.method !== 'getConnection') return null;
    return call.connId === 'warehouse' ? { connId: 'warehouse', host: 'db.internal', port: 5432 } : null;
  };
  return { calls, fetch };
}

describe('renderFields', () => {
  it("renders the run's triggering asset events by URI", async () => {
    const { fetch } = platform();
    const rendered = await renderFields(
      {
        command:
          "rows={{ triggering_asset_events['s3://lake/orders'][0].extra.rows }} n={{ triggering_asset_events | length }}",
      },
      context,
      fetch,
    );
    expect(rendered['command']).toBe('rows=42 n=1');
  });

  it("renders Airflow's names, params and date macros", async () => {
    const { fetch } = platform();
    const rendered = await renderFields(
      {
        command:
          'echo {{ ds }} {{ ds_nodash }} {{ ts_nodash }} {{ params.region }} {{ run_id }} {{ dag.dag_id }}.{{ task.task_id }} try {{ ti.try_number }}',
        env: { FROM: '{{ data_interval_start }}', TO: '{{ macros.ds_add(ds, -7) }}', PLAIN: 'no template', N: 3 },
        list: [
          '{{ macros.ds_format(ds, "%Y-%m-%d", "%d/%m/%Y") }}',
          "{{ macros.add(logical_date, '90m') }}",
          '{{ macros.format(logical_date, "%Y/%j") }}',
        ],
      },
      context,
      fetch,
    );
    expect(rendered).toEqual({
      command: 'echo 2024-03-05 20240305 20240305T000000 eu scheduled__2024-03-05T00:00:00.000Z etl.load try 2',
      env: { FROM: '2024-03-04T00:00:00.000Z', TO: '2024-02-27', PLAIN: 'no template', N: 3 },
      list: ['05/03/2024', '2024-03-05T01:30:00.000Z', '2024/065'],
    });
  });

  it('fetches XCom, variables and connections through platform calls, once each, including lookups keyed by an earlier lookup', async () => {
    const { fetch, calls } = platform();
    const rendered = await renderFields(
      {
        text: '{{ ti.xcomPull("extract").rows }} rows, {{ ti.xcom_pull(ti.xcomPull("extract").next) }} counted, max {{ var.json.limits.max }}, host {{ conn.warehouse.host }}:{{ conn.warehouse.port }}, again {{ ti.xcomPull("extract").rows }}',
      },
      context,
      fetch,
    );
    expect(rendered['text']).toBe('42 rows, 7 counted, max 3, host db.internal:5432, again 42');
    expect(calls).toEqual([
      { method: 'xcomPull', taskId: 'extract', key: 'return_value' },
      { method: 'getVariable', key: 'limits' },
      { method: 'getConnection', connId: 'warehouse' },
      { method: 'xcomPull', taskId: 'count', key: 'return_value' },
    ]);
  });

  it('fails naming the field and the reason: bad syntax, a failed lookup, a missing variable or connection', async () => {
    const { fetch } = platform();
    await expect(renderFields({ command: 'echo {{ ds ' }, context, fetch)).rejects.toThrow(
      /template in 'command': .*expected variable end/,
    );
    await expect(renderFields({ url: '{{ var.value.nope }}' }, context, fetch)).rejects.toThrow(
      /template in 'url': .*var 'nope': getVariable is not available/,
    );
    await expect(renderFields({ url: '{{ var.value.missing }}' }, context, fetch)).rejects.toThrow(
      /template in 'url': .*variable 'missing' is not defined/,
    );
    await expect(renderFields({ url: '{{ conn.other.host }}' }, context, fetch)).rejects.toThrow(
      /template in 'url': .*connection 'other' is not defined/,
    );
    await expect(renderFields({ url: '{{ macros.add(ds, "soon") }}' }, context, fetch)).rejects.toThrow(/add: 'soon/);
  });

  it('ds_format rejects a date that does not match its format', () => {
    expect(() => MACROS.ds_format('2024/03/05', '%Y-%m-%d', '%d')).toThrow(/does not match/);
  });
});
