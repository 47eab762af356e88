import {
  bash,
  branch,
  chain,
  dag,
  dateTimeSensor,
  email,
  empty,
  externalTaskSensor,
  httpSensor,
  shortCircuit,
  slack,
  sql,
  task,
  timeDeltaSensor,
} from '@updraft/sdk';

/**
 * The operators not shown in authoring-tour: branching, short circuits, dynamic task mapping, the four
 * sensors, sql, email and slack. Before running it, create in your tenant: a postgres connection
 * `warehouse`, a variable `exports_api` (the status API's base URL, e.g. https://status.example.com),
 * an email channel `ops-mail` and a Slack channel `ops-slack` (see docs/alerts.md). To run it locally,
 * see "A local run of operators_tour" in docs/bundles.md.
 */
export default dag(
  'operators_tour',
  {
    schedule: '0 6 * * *',
    timezone: 'Europe/Berlin',
    startDate: '2024-01-01',
    catchup: false,
    maxActiveTasks: 4,
    deadline: '3h',
    slaChannels: ['ops-mail'],
    deadlineChannels: ['ops-slack'],
    defaultArgs: { retries: 2, retryDelay: '2m', retryExponentialBackoff: true, onFailure: ['ops-mail'] },
  },
  () => {
    // Waits: for the day's data interval to be an hour old, for the upstream DAG, for an API to say "ready".
    const settled = timeDeltaSensor('settled', { delta: '1h', mode: 'reschedule', pokeInterval: '5m' });
    const notBefore = dateTimeSensor('not_before', { targetTime: '2024-01-01T07:00:00+01:00' });
    const upstreamDone = externalTaskSensor('authoring_done', {
      externalDagId: 'authoring_tour',
      externalTaskId: 'trigger_report',
      mode: 'reschedule',
      timeout: '2h',
    });
    const apiReady = httpSensor('api_ready', {
      url: '{{ var.value.exports_api }}/v1/exports/{{ ds }}',
      jsonPath: '$.state',
      jsonEquals: 'ready',
      pokeInterval: '2m',
      softFail: true,
    });

    const regions = task('regions', async () => ['eu', 'us', 'apac']);
    const load = task('load', async (ctx, { region }: { region: string }) => {
      ctx.log('loading', region, 'for', ctx.ds);
      return { region, rows: region.length * 100 };
    }).expand({ region: regions.output });

    const total = sql('total', {
      connection: 'warehouse',
      statement: "SELECT coalesce(sum(amount), 0)::int AS total FROM sales WHERE day = '{{ ds }}'",
      sla: '30m',
    });

    const anyRows = shortCircuit('any_rows', async (ctx) => {
      const loaded = (await ctx.ti.xcomPull('load')) as { rows: number }[];
      return loaded.some((r) => r.rows > 0);
    });

    const pick = branch('big_or_small', async (ctx) => {
      const { rows } = (await ctx.ti.xcomPull('total')) as { rows: { total: number }[] };
      return rows[0]?.total > 1000 ? 'big_day' : 'small_day';
    });
    const big = bash('big_day', { command: 'echo "a big day: {{ ds }}"' });
    const small = empty('small_day');
    const join = empty('join', { triggerRule: 'none_failed_min_one_success' });

    const mail = email('report', {
      channel: 'ops-mail',
      subject: 'Sales {{ ds }}',
      body: 'Run {{ run_id }}: {{ ti.xcomPull("total").rows[0].total }} in total.',
    });
    const post = slack('post', { channel: 'ops-slack', text: 'sales for {{ ds }} are in' });

    chain([settled, notBefore, upstreamDone, apiReady], regions, load, anyRows, total, pick, [big, small], join, [
      mail,
      post,
    ]);
  },
);
