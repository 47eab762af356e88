import { bash, chain, dag, empty, http, task, taskGroup, triggerDagRun } from '@updraft/sdk';
import dayjs from 'dayjs';

// An npm dependency: `updraft deploy` bundles it into the uploaded file.
const weekdayOf = (isoDate: string) => dayjs(isoDate).format('dddd');

export default dag(
  'authoring_tour',
  {
    schedule: '@daily',
    startDate: '2024-01-01',
    catchup: false,
    tags: ['example'],
    params: { region: { type: 'string', default: 'eu' } },
    defaultArgs: { retries: 1, retryDelay: '1m', executionTimeout: '10m' },
  },
  () => {
    const start = empty('start');

    // Ids become extract.download and extract.weekday; depending on the group means on its first/last tasks.
    const extract = taskGroup('extract', () => {
      const download = bash('download', {
        command: 'echo "fetching {{ ds }} ({{ ds_nodash }}) for {{ params.region }}"',
        env: { RUN: '{{ run_id }}' },
      });
      const weekday = task('weekday', async (ctx) => ({ weekday: weekdayOf(ctx.logicalDate), day: ctx.ds }));
      download.then(weekday);
    });

    // The connection `status_api` (type http) gives the base URL, e.g. host httpbin.org with schema https;
    // `updraft dags test --connections` points it anywhere locally.
    const status = http('check_status', {
      connection: 'status_api',
      url: 'anything/{{ ds }}',
      method: 'POST',
      headers: { 'x-region': '{{ params.region }}' },
      body: { day: '{{ ds }}', weekday: "{{ ti.xcomPull('extract.weekday').weekday }}" },
      expectStatus: [200],
      bodyContains: '"url"',
      timeout: '15s',
    });

    const announce = bash('announce', {
      command:
        "echo \"{{ ti.xcomPull('extract.weekday').weekday }} done; next run on {{ macros.ds_add(ds, 1) }} ({{ macros.format(macros.add(ts, '1d'), '%d/%m/%Y') }})\"",
    });

    const report = triggerDagRun('trigger_report', {
      dagId: 'authoring_report',
      conf: { day: '{{ ds }}' },
      waitForCompletion: true,
      pokeInterval: '5s',
    });

    chain(start, extract, [status, announce], report);
  },
);
