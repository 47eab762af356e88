import { startSlackStandIn, startSmtpCapture } from '@updraft/testing';
import { useDagProject } from '../testing/dag-project';
import { runCli, StandInApi } from '../testing/stand-in-api';

describe('updraft dags test: http, sensors, email and slack on this machine', () => {
  const dir = useDagProject();
  const file = (name: string, content: string) => dir.file(name, content);

  it('makes templated http requests through a connection (base URL, basic auth, extra headers) and keeps the JSON response as XCom', async () => {
    const api = await new StandInApi({
      'POST /v1/items/20240305': (request) => ({ json: { ok: true, got: JSON.parse(request.body.toString()) } }),
      'GET /v1/gone': () => ({ status: 404, text: 'no such thing' }),
    }).start();
    try {
      const dag = file(
        'dags/calls.ts',
        `import { dag, http } from '@updraft/sdk';
        export default dag('calls', { params: { region: { type: 'string', default: 'eu' } } }, () => {
          http('post', { connection: 'api', url: 'v1/items/{{ ds_nodash }}', method: 'POST', headers: { 'x-region': '{{ params.region }}' }, body: { day: '{{ ds }}', n: 3 }, bodyContains: '"ok":true' });
          http('gone', { connection: 'api', url: '/v1/gone', retries: 2 });
        });`,
      );
      const connections = file(
        'connections.json',
        JSON.stringify({
          api: { connType: 'http', host: api.url, login: 'me', password: 'pw', extra: { headers: { 'x-key': 'k1' } } },
        }),
      );

      const result = await runCli(
        ['dags', 'test', dag, 'calls', '--logical-date', '2024-03-05T06:00:00Z', '--connections', connections],
        {},
      );

      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `[post] | POST ${api.url}/v1/items/20240305\n[post] | HTTP 200 OK\n[post] success, returned {"ok":true,"got":{"day":"2024-03-05","n":3}}\n`,
      );
      const [post] = api.requests;
      expect(post.headers).toMatchObject({
        'x-region': 'eu',
        'x-key': 'k1',
        authorization: `Basic ${Buffer.from('me:pw').toString('base64')}`,
        'content-type': 'application/json',
      });
      // A 4xx is the request's fault: it fails at once, without the retries a 5xx or a lost connection gets.
      expect(result.stdout).toContain('[gone] running (http, try 1 of 3)');
      expect(result.stdout).toContain(
        `[gone] failed: GET ${api.url}/v1/gone: status 404, expected 2xx; body: no such thing\n`,
      );
      expect(result.stdout).not.toContain('[gone] running (http, try 2 of 3)');
    } finally {
      await api.stop();
    }
  });

  it('waits with time and date sensors, times out (or skips with softFail), and says what an external task sensor needs', async () => {
    const dag = file(
      'dags/waits.ts',
      `import { dag, dateTimeSensor, externalTaskSensor, httpSensor, timeDeltaSensor } from '@updraft/sdk';
      export default dag('waits', { params: { base: { type: 'string', default: 'not-a-url' } } }, () => {
        dateTimeSensor('past', { targetTime: '2000-01-01T00:00:00Z' });
        timeDeltaSensor('an_hour_after', { delta: '1h' });
        dateTimeSensor('never', { targetTime: '2999-01-01T00:00:00Z', pokeInterval: '200ms', timeout: '1s' });
        dateTimeSensor('never_soft', { targetTime: '2999-01-01T00:00:00Z', pokeInterval: '200ms', timeout: '1s', softFail: true, mode: 'reschedule' });
        externalTaskSensor('upstream', { externalDagId: 'other_dag', externalTaskId: 'publish' });
        externalTaskSensor('told', { externalDagId: 'other_dag', externalTaskId: 'load', failedStates: ['failed'] });
        externalTaskSensor('told_failed', { externalDagId: 'third', externalTaskId: 'load', failedStates: ['failed'] });
        httpSensor('nowhere', { url: '{{ params.base }}/health' });
      });`,
    );

    const result = await runCli(
      [
        'dags',
        'test',
        dag,
        'waits',
        '--logical-date',
        '2024-03-05',
        '--external-state',
        'other_dag:load=success',
        '--external-state',
        'third:load=failed',
      ],
      {},
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[past] | condition met: waiting until 2000-01-01T00:00:00.000Z\n[past] success\n');
    expect(result.stdout).toContain('[an_hour_after] | condition met: waiting until 2024-03-05T01:00:00.000Z\n');
    expect(result.stdout).toMatch(/(\[never\] \| not yet: waiting until 2999-01-01T00:00:00.000Z\n){5}/);
    expect(result.stdout).toContain('[never] failed: sensor timed out after 1 s (timeout 1 s)\n');
    expect(result.stdout).toContain(
      '[never_soft] | reschedule mode checks in place here: a local run has no worker slot to free\n',
    );
    expect(result.stdout).toContain('[never_soft] skipped: sensor timed out after 1 s (timeout 1 s)\n');
    expect(result.stdout).toContain(
      "[upstream] failed: externalTaskSensor waits for task 'publish' of DAG 'other_dag', which a local run cannot see: say what it would find with --external-state other_dag:publish=success (or another state)\n",
    );
    expect(result.stdout).toContain(
      "[told] | condition met: task 'load' of DAG 'other_dag' for 2024-03-05T00:00:00.000Z is success\n[told] success\n",
    );
    expect(result.stdout).toContain(
      "[told_failed] failed: task 'load' of DAG 'third' for 2024-03-05T00:00:00.000Z is failed\n",
    );
    expect(result.stdout).toContain("[nowhere] failed: 'not-a-url/health' is not an absolute http(s) URL\n");
  });

  it('checks an http sensor (templated url) until the answer passes, at most 5 s apart locally whatever its poke interval', async () => {
    let checks = 0;
    const api = await new StandInApi({
      'GET /exports/2024-03-05': () => ({ json: { state: ++checks > 1 ? 'ready' : 'exporting' } }),
    }).start();
    try {
      const dag = file(
        'dags/ready.ts',
        `import { dag, httpSensor } from '@updraft/sdk';
        export default dag('ready', {}, () => {
          httpSensor('api_ready', { url: '{{ var.value.api }}/exports/{{ ds }}', jsonPath: '$.state', jsonEquals: 'ready', pokeInterval: '10m' });
        });`,
      );
      const started = Date.now();
      const result = await runCli(['dags', 'test', dag, 'ready', '--logical-date', '2024-03-05'], {
        localSecrets: { variables: { API: api.url } },
      });

      expect(result.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(result.stdout).toContain(
        '[api_ready] | checks every 5.0s here (capped locally; the platform waits 10m0s)\n',
      );
      expect(result.stdout).toContain(
        `[api_ready] | not yet: GET ${api.url}/exports/2024-03-05: $.state is "exporting", expected "ready"\n`,
      );
      expect(result.stdout).toContain(
        `[api_ready] | condition met: GET ${api.url}/exports/2024-03-05 → 200\n[api_ready] success\n`,
      );
      expect(checks).toBe(2);
    } finally {
      await api.stop();
    }
  }, 20_000);

  it('prints rendered email and slack messages, and sends them with --smtp-url and --slack-webhook', async () => {
    const dag = file(
      'dags/notify.ts',
      `import { dag, email, slack, task } from '@updraft/sdk';
      export default dag('notify', {}, () => {
        const total = task('total', async () => 1200);
        total.then(email('mail', { to: ['ops@example.com'], channel: 'ops-mail', subject: 'Sales {{ ds }}', body: 'Total: {{ ti.xcomPull("total") }}\\nBye' }));
        total.then(slack('post', { channel: '#data', text: 'sales for {{ ds }}: {{ ti.xcomPull("total") }}' }));
      });`,
    );
    const test = (...args: string[]) =>
      runCli(['dags', 'test', dag, 'notify', '--logical-date', '2024-03-05', ...args], {});

    const printed = await test();
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(
      "[mail] | email to ops@example.com\n[mail] | subject: Sales 2024-03-05\n[mail] |   Total: 1200\n[mail] |   Bye\n[mail] | not sent: a local run prints the mail (give --smtp-url to send it; on the platform it goes through channel 'ops-mail')\n[mail] success\n",
    );
    expect(printed.stdout).toContain(
      '[post] | Slack message for #data:\n[post] |   sales for 2024-03-05: 1200\n[post] | not posted: a local run prints the message (give --slack-webhook to post it)\n',
    );

    const smtp = await startSmtpCapture();
    const slackApi = await startSlackStandIn();
    try {
      const sent = await test(
        '--smtp-url',
        smtp.url,
        '--mail-from',
        'dags@example.com',
        '--slack-webhook',
        slackApi.webhookUrl,
      );
      expect(sent.code).toBe(0);
      expect(smtp.mails).toEqual([
        expect.objectContaining({
          from: 'dags@example.com',
          to: ['ops@example.com'],
          subject: 'Sales 2024-03-05',
          text: 'Total: 1200\nBye\n',
        }),
      ]);
      expect(sent.stdout).toContain(`[mail] | sent through ${smtp.url}\n`);
      expect(slackApi.messages).toEqual([
        expect.objectContaining({ method: 'webhook', text: 'sales for 2024-03-05: 1200' }),
      ]);
      expect(sent.stdout).toContain(
        '[post] | posted through the webhook (a webhook posts to its own channel, not #data)\n',
      );

      smtp.failNext(1, 550);
      slackApi.failNext(1);
      const refused = await test('--smtp-url', smtp.url, '--slack-webhook', slackApi.webhookUrl, '--json');
      const tasks = JSON.parse(refused.stdout).tasks as { taskId: string; state: string; message: string }[];
      expect(tasks.find((t) => t.taskId === 'mail')).toMatchObject({
        state: 'failed',
        message: expect.stringMatching(new RegExp(`^${smtp.url} did not take the mail: .*550`)),
      });
      expect(tasks.find((t) => t.taskId === 'post')).toMatchObject({
        state: 'failed',
        message: expect.stringMatching(/^the Slack webhook answered 500/),
      });
      expect(JSON.stringify(tasks)).not.toContain('stand-in-secret');
    } finally {
      await smtp.close();
      await slackApi.close();
    }
  });
});
