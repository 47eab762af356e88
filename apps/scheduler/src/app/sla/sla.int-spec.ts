import { INestApplicationContext } from '@nestjs/common';
import { ChannelService } from '@updraft/notifications';
import {
  AccountRepository,
  DagRunRepository,
  NotificationChannelRepository,
  NotificationDeliveryRepository,
  SlaMissRepository,
  TaskInstanceRepository,
} from '@updraft/persistence';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import { deploySerialized, serializedDagOf, SlackStandIn, SmtpCapture, waitFor } from '@updraft/testing';
import { DataSource } from 'typeorm';
import { SweepService } from '../sweep/sweep.service';
import { AlertingStack, startAlertingStack } from '../../testing/alerting-stack';
import { SlaChecker } from './sla-checker.service';

const SLA_MS = 1_500;
const DEADLINE_MS = 2_500;

function task(taskId: string, upstream: string[], slaMs: number | null): SerializedTask {
  return {
    taskId,
    operator: 'empty',
    upstream,
    config: {},
    owner: null,
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
  };
}

/** A two-task ETL with SLAs (unless `extra` says otherwise). */
const dagOf = (dagId: string, extra: Partial<SerializedDag>): SerializedDag =>
  serializedDagOf(dagId, [task('extract', [], SLA_MS), task('load', ['extract'], SLA_MS)], extra);

describe('SLA misses and deadlines, checked by two schedulers, alerted by email and Slack', () => {
  let stack: AlertingStack;
  let smtp: SmtpCapture;
  let slack: SlackStandIn;
  let schedulers: INestApplicationContext[];
  let delivery: INestApplicationContext;
  let tenantId: string;
  let runs: DagRunRepository;
  let misses: SlaMissRepository;
  let db: DataSource;

  const deploy = (serialized: SerializedDag) => deploySerialized(delivery, tenantId, serialized);

  async function startRun(serialized: SerializedDag, runType: 'manual' | 'scheduled', dataIntervalEnd: Date) {
    const dagVersionId = await deploy(serialized);
    return runs.create(tenantId, {
      dagId: serialized.dagId,
      dagVersionId,
      serialized,
      runType,
      logicalDate: dataIntervalEnd,
      dataIntervalStart: dataIntervalEnd,
      dataIntervalEnd,
      conf: {},
    });
  }

  const missesOf = async (dagRunId: string) =>
    (await misses.list(tenantId, { limit: 50, offset: 0 })).items.filter((m) => m.dagRunId === dagRunId);

  beforeAll(async () => {
    stack = await startAlertingStack(250);
    ({ smtp, slack, schedulers, delivery } = stack);
    runs = delivery.get(DagRunRepository);
    misses = delivery.get(SlaMissRepository);
    db = delivery.get(DataSource);
    tenantId = (
      await delivery
        .get(AccountRepository)
        .createTenantWithOwner({ email: 'o@example.com', passwordHash: 'x', tenantSlug: 'acme', tenantName: 'Acme' })
    ).tenant.id;
    const channels = delivery.get(ChannelService);
    await channels.create(tenantId, {
      name: 'ops-mail',
      type: 'email',
      isDefault: true,
      config: { addresses: ['ops@example.com'] },
    });
    await channels.create(tenantId, {
      name: 'ops-slack',
      type: 'slack',
      config: { botToken: 'xoxb-test-token', channel: '#ops' },
    });
    await channels.create(tenantId, {
      name: 'broken-hook',
      type: 'slack',
      config: { webhookUrl: 'http://127.0.0.1:9/webhooks/unreachable' },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('alerts once per miss on a stuck scheduled run: the queued task, the task that never starts, and the deadline', async () => {
    const serialized = dagOf('stuck_etl', { deadlineMs: DEADLINE_MS, slaChannels: ['ops-mail', 'ops-slack'] });
    const intervalEnd = new Date();
    const run = await startRun(serialized, 'scheduled', intervalEnd);

    const extractMail = await smtp.waitForMail('ops@example.com', /SLA missed: stuck_etl\.extract/);
    expect(extractMail.text).toMatch(/Task extract of DAG stuck_etl missed its SLA in run scheduled__.* by \d/);
    expect(extractMail.text).toContain('counted from the end of its data interval');
    expect(extractMail.text).toContain(
      `https://updraft.example.com/dags/stuck_etl?tenant=acme&run=${encodeURIComponent(run.runId)}`,
    );
    await smtp.waitForMail('ops@example.com', /SLA missed: stuck_etl\.load/);
    await smtp.waitForMail('ops@example.com', /Deadline missed: stuck_etl/);
    await slack.waitForMessage((m) => m.text.includes('Deadline missed: stuck_etl'), 'the deadline alert on Slack');
    const slackAlert = await slack.waitForMessage(
      (m) => m.text.includes('SLA missed: stuck_etl.load'),
      'the load alert on Slack',
    );
    expect(slackAlert).toMatchObject({ method: 'chat.postMessage', credential: 'xoxb-test-token', channel: '#ops' });
    expect(slackAlert.text).toContain('not started');

    const recorded = await missesOf(run.id);
    expect(recorded.map((m) => m.taskId).sort()).toEqual(['extract', 'load', null].sort());
    const sla = recorded.find((m) => m.taskId === 'extract');
    expect(sla?.expectedAt.getTime()).toBe(intervalEnd.getTime() + SLA_MS);
    expect(recorded.find((m) => m.taskId === null)?.expectedAt.getTime()).toBe(intervalEnd.getTime() + DEADLINE_MS);
    expect(recorded.every((m) => m.notifiedAt !== null && m.finishedAt === null)).toBe(true);

    // Both schedulers checking again, at the same time, find nothing new to record or tell.
    const again = await Promise.all(
      schedulers.flatMap((app) => [app.get(SlaChecker).check(), app.get(SlaChecker).check()]),
    );
    expect(again.every((r) => r.recorded === 0)).toBe(true);
    expect(await missesOf(run.id)).toHaveLength(3);
    await waitFor(
      async () =>
        (
          await delivery
            .get(NotificationDeliveryRepository)
            .list(tenantId, { limit: 100, offset: 0 }, { status: 'sent' })
        ).items,
      (items) => items.filter((d) => d.subject.includes('stuck_etl')).length >= 6,
      { timeoutMs: 10_000, what: 'six deliveries' },
    );
    expect(smtp.mails.filter((m) => m.subject.includes('stuck_etl'))).toHaveLength(3);
    expect(slack.messages.filter((m) => m.text.includes('stuck_etl'))).toHaveLength(3);
  });

  it("counts a manual run's SLA from when it was queued, and uses the tenant default channel when the DAG names none", async () => {
    const longAgo = new Date('2020-01-01T00:00:00Z');
    const run = await startRun(dagOf('manual_etl', { tasks: [task('extract', [], SLA_MS)] }), 'manual', longAgo);
    await smtp.waitForMail('ops@example.com', /SLA missed: manual_etl\.extract/);
    const [miss] = await missesOf(run.id);
    expect(miss.expectedAt.getTime()).toBe(run.queuedAt.getTime() + SLA_MS);
    expect(slack.messages.some((m) => m.text.includes('manual_etl'))).toBe(false);
  });

  it('raises nothing for a run that ends on time, or one cancelled before its deadline', async () => {
    const onTime = dagOf('on_time', { deadlineMs: DEADLINE_MS, tasks: [task('extract', [], SLA_MS)] });
    const done = await startRun(onTime, 'manual', new Date());
    const taskInstances = delivery.get(TaskInstanceRepository);
    const ti = await taskInstances.find(tenantId, done.id, 'extract');
    await taskInstances.transition(tenantId, [ti?.id as string], ['none', 'scheduled', 'queued'], 'queued');
    const claimed = await taskInstances.claim({ tenantId, taskInstanceId: ti?.id as string }, 'test-worker');
    await taskInstances.finish(
      { tenantId, taskInstanceId: ti?.id as string },
      claimed?.tryNumber as number,
      'success',
      null,
    );
    await runs.mark(tenantId, done.id, 'success');
    const cancelled = await startRun({ ...onTime, dagId: 'cancelled' }, 'manual', new Date());
    await runs.mark(tenantId, cancelled.id, 'failed');

    const dueAt = Math.max(done.queuedAt.getTime(), cancelled.queuedAt.getTime()) + DEADLINE_MS;
    await waitFor(
      async () => Date.now(),
      (now) => now > dueAt,
      { timeoutMs: 10_000, what: 'the deadline to pass' },
    );
    await schedulers[0].get(SlaChecker).check();
    expect(await missesOf(done.id)).toEqual([]);
    expect(await missesOf(cancelled.id)).toEqual([]);
  });

  it('tells onRetry and onFailure when a try is reaped as a zombie (its worker stopped heartbeating)', async () => {
    const flaky = { ...task('extract', [], null), retries: 1, onRetry: ['ops-mail'], onFailure: ['ops-mail'] };
    const run = await startRun(dagOf('zombie_etl', { tasks: [flaky] }), 'manual', new Date());
    const taskInstances = delivery.get(TaskInstanceRepository);
    const ti = await taskInstances.find(tenantId, run.id, 'extract');
    const reap = async () => {
      await taskInstances.transition(
        tenantId,
        [ti?.id as string],
        ['none', 'scheduled', 'queued', 'up_for_retry'],
        'queued',
      );
      expect(
        await taskInstances.claim({ tenantId, taskInstanceId: ti?.id as string }, 'vanished-worker'),
      ).not.toBeNull();
      // As if that worker had been killed an hour ago: it never heartbeats again.
      await db.query(`UPDATE task_instance SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [ti?.id]);
      await schedulers[0].get(SweepService).sweep();
    };
    await reap();
    const retryMail = await smtp.waitForMail(
      'ops@example.com',
      /zombie_etl\.extract failed and will be retried \(try 1 of 2\)/,
    );
    expect(retryMail.text).toContain('the worker stopped heartbeating');
    await reap();
    const failureMail = await smtp.waitForMail('ops@example.com', /zombie_etl\.extract failed \(try 2 of 2\)/);
    expect(failureMail.text).toContain('(zombie)');
    expect((await taskInstances.get(tenantId, ti?.id as string))?.state).toBe('failed');
  });

  it('records a task that finished late while no scheduler was looking, saying by how much', async () => {
    const run = await startRun(
      dagOf('late', { tasks: [task('extract', [], SLA_MS)], slaChannels: ['ops-slack'] }),
      'manual',
      new Date(),
    );
    // As if every scheduler had been down: the run was queued 10 s ago and its task ended now, 8.5 s after its SLA.
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE dag_run SET queued_at = queued_at - interval '10 seconds' WHERE id = $1`, [run.id]);
      await tx.query(
        `UPDATE task_instance SET state = 'success', start_date = now(), end_date = now() WHERE dag_run_id = $1`,
        [run.id],
      );
      await tx.query(`UPDATE dag_run SET state = 'success', end_date = now() WHERE id = $1`, [run.id]);
    });
    const alert = await slack.waitForMessage((m) => m.text.includes('SLA missed: late.extract'), 'the late task alert');
    expect(alert.text).toMatch(/It finished 8\.\d s late/);
    const [miss] = await missesOf(run.id);
    expect(miss.finishedAt).not.toBeNull();
  });

  it('retries a delivery after the Slack API fails, and marks a channel that never answers as failing', async () => {
    slack.failNext(1);
    await startRun(
      dagOf('flaky', { tasks: [task('extract', [], SLA_MS)], slaChannels: ['ops-slack', 'broken-hook'] }),
      'manual',
      new Date(),
    );
    await slack.waitForMessage((m) => m.text.includes('SLA missed: flaky.extract'), 'the alert after a retry');
    const deliveries = delivery.get(NotificationDeliveryRepository);
    const channelRepo = delivery.get(NotificationChannelRepository);
    const [slackChannel, hook] = [
      await channelRepo.byNames(tenantId, ['ops-slack']),
      await channelRepo.byNames(tenantId, ['broken-hook']),
    ].map((c) => c[0]);
    const toSlack = (
      await deliveries.list(tenantId, { limit: 50, offset: 0 }, { channelId: slackChannel.id })
    ).items.filter((d) => d.subject.includes('flaky'));
    expect(toSlack.map((d) => [d.attempt, d.status]).sort()).toEqual([
      [1, 'failed'],
      [2, 'sent'],
    ]);
    expect(toSlack.find((d) => d.status === 'failed')?.error).toMatch(/internal_error|500/);

    const toHook = await waitFor(
      async () => (await deliveries.list(tenantId, { limit: 50, offset: 0 }, { channelId: hook.id })).items,
      (items) => items.some((d) => d.status === 'abandoned'),
      { timeoutMs: 15_000, what: 'the broken webhook to be given up on' },
    );
    expect(toHook.map((d) => [d.attempt, d.status]).sort()).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'abandoned'],
    ]);
    const marked = await channelRepo.get(tenantId, hook.id);
    expect(marked?.failingSince).not.toBeNull();
    expect(marked?.lastError).toMatch(/webhook could not be reached/);
    expect(marked?.lastError).not.toContain('unreachable');
  });
});
