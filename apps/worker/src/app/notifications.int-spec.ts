import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { ChannelService } from '@updraft/notifications';
import {
  AccountRepository,
  BundleRepository,
  DagRepository,
  DagRunRepository,
  TaskInstanceRepository,
  TaskLogRepository,
} from '@updraft/persistence';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  SlackStandIn,
  SmtpCapture,
  startSlackStandIn,
  startSmtpCapture,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { SANDBOX_RUNNER } from './sandbox-runner-path';
import { TaskRunner } from './task-execution/task-runner.service';

function task(
  taskId: string,
  operator: string,
  config: Record<string, unknown>,
  extra: Partial<SerializedTask> = {},
): SerializedTask {
  return {
    taskId,
    operator,
    upstream: [],
    config,
    owner: null,
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs: null,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
    ...extra,
  };
}

const serialized: SerializedDag = {
  dagId: 'notify',
  schedule: null,
  startDate: null,
  endDate: null,
  timezone: 'UTC',
  catchup: false,
  maxActiveRuns: 16,
  maxActiveTasks: 16,
  tags: [],
  description: null,
  team: null,
  params: {},
  deadlineMs: null,
  source: null,
  tasks: [
    task(
      'post',
      'slack',
      { text: 'cleaned 42 rows', channel: null, slackChannel: '#data' },
      { retries: 1, onRetry: ['team-mail'], onFailure: ['team-mail'], onSuccess: ['team-mail', 'nowhere'] },
    ),
    task('report', 'email', {
      to: ['boss@example.com'],
      subject: 'Daily report',
      body: 'All 42 rows are clean.',
      channel: 'team-mail',
    }),
  ],
};

describe('worker: email and slack operators, and onFailure / onRetry / onSuccess notifications', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let slack: SlackStandIn;
  let scratch: string;
  let app: INestApplicationContext;
  let tenantId: string;

  beforeAll(async () => {
    [database, smtp, slack] = await Promise.all([createTestDatabase(), startSmtpCapture(), startSlackStandIn()]);
    scratch = await mkdtemp(join(tmpdir(), 'updraft-notify-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: DEFAULT_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      DATA_DIR: join(scratch, 'data'),
      SMTP_URL: smtp.url,
      SLACK_API_URL: slack.url,
      PUBLIC_URL: 'https://updraft.example.com',
      NOTIFICATION_BACKOFF_MS: '100',
    });
    // These operators run in the worker itself: no sandbox runner is needed.
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .overrideProvider(SANDBOX_RUNNER)
      .useValue(join(scratch, 'no-runner.js'))
      .compile();
    app = await moduleRef.init();
    tenantId = (
      await app
        .get(AccountRepository)
        .createTenantWithOwner({ email: 'n@example.com', passwordHash: 'x', tenantSlug: 'acme', tenantName: 'Acme' })
    ).tenant.id;
    const channels = app.get(ChannelService);
    await channels.create(tenantId, { name: 'team-mail', type: 'email', config: { addresses: ['team@example.com'] } });
    await channels.create(tenantId, {
      name: 'team-slack',
      type: 'slack',
      isDefault: true,
      config: { botToken: 'xoxb-worker', channel: '#general' },
    });
    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(tenantId, {
      name: 'notify',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [{ dagId: 'notify', entryFile: 'x.js', serialized }]);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([smtp?.close(), slack?.close()]);
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
    await rm(scratch, { recursive: true, force: true });
  });

  async function newRun() {
    const dag = await app.get(DagRepository).get(tenantId, 'notify');
    const now = new Date(Date.now() + Math.floor(Math.random() * 1e6));
    return app.get(DagRunRepository).create(tenantId, {
      dagId: 'notify',
      dagVersionId: dag?.dagVersionId as string,
      serialized,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
  }

  /** One try of a task, as a worker takes it from the queue. */
  async function runTry(dagRunId: string, taskId: string) {
    const taskInstances = app.get(TaskInstanceRepository);
    const ti = await taskInstances.find(tenantId, dagRunId, taskId);
    await taskInstances.transition(tenantId, [ti?.id as string], ['none', 'up_for_retry'], 'queued');
    await app.get(TaskRunner).run({ tenantId, taskInstanceId: ti?.id as string });
    return taskInstances.find(tenantId, dagRunId, taskId);
  }

  it("sends the email operator's mail and the slack operator's message through the tenant's channels, then tells onSuccess", async () => {
    const run = await newRun();
    expect((await runTry(run.id, 'report'))?.state).toBe('success');
    const mail = await smtp.waitForMail('boss@example.com', /Daily report/);
    expect(mail.text).toContain('All 42 rows are clean.');
    expect(mail.to).toEqual(['boss@example.com']);

    expect((await runTry(run.id, 'post'))?.state).toBe('success');
    const posted = await slack.waitForMessage((m) => m.text === 'cleaned 42 rows', 'the slack operator message');
    expect(posted).toMatchObject({ credential: 'xoxb-worker', channel: '#data' });
    const success = await smtp.waitForMail('team@example.com', /notify\.post succeeded/);
    expect(success.text).toContain(`run ${run.runId}`);
    expect(success.text).toContain('https://updraft.example.com/dags/notify?tenant=acme');
    const ti = await app.get(TaskInstanceRepository).find(tenantId, run.id, 'post');
    const logs = await app.get(TaskLogRepository).read(tenantId, ti?.id as string, 1);
    expect(logs.map((line) => line.message)).toContain('onSuccess: no notification channel named nowhere');
  });

  it('tells onRetry when a try fails and will be retried, and onFailure when the last one fails', async () => {
    const run = await newRun();
    slack.failNext(2, 'api');
    expect((await runTry(run.id, 'post'))?.state).toBe('up_for_retry');
    const retry = await smtp.waitForMail('team@example.com', /notify\.post failed and will be retried \(try 1 of 2\)/);
    expect(retry.text).toContain('channel_not_found');
    expect((await runTry(run.id, 'post'))?.state).toBe('failed');
    const failure = await smtp.waitForMail('team@example.com', /notify\.post failed \(try 2 of 2\)/);
    expect(failure.text).toContain(`run ${run.runId}`);
    expect(smtp.mails.filter((m) => m.subject.includes('notify.post') && m.text.includes(run.runId))).toHaveLength(2);
  });
});
