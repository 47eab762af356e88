import { INestApplicationContext } from '@nestjs/common';
import { ActionLinkSigner, ChannelService } from '@updraft/notifications';
import { AccountRepository, DagRunRepository, IncidentRepository } from '@updraft/persistence';
import type { SerializedDag } from '@updraft/sdk';
import { deploySerialized, emptyTask, serializedDagOf, SlackStandIn, SmtpCapture, waitFor } from '@updraft/testing';
import { DataSource } from 'typeorm';
import { AlertingStack, startAlertingStack } from '../../testing/alerting-stack';
import { IncidentKeeper } from './incident-keeper.service';

const DEADLINE_MS = 1_000;
const ESCALATE_AFTER_MS = 1_500;
/** Long enough for the test to acknowledge first. */
const SLOW_ESCALATION_MS = 3_000;

describe('incidents opened by two schedulers from deadline misses and failed critical runs', () => {
  let stack: AlertingStack;
  let smtp: SmtpCapture;
  let slack: SlackStandIn;
  let schedulers: INestApplicationContext[];
  let delivery: INestApplicationContext;
  let tenantId: string;
  let otherTenantId: string;
  let ownerId: string;
  let runs: DagRunRepository;
  let incidents: IncidentRepository;
  let db: DataSource;

  const deploy = (serialized: SerializedDag) => deploySerialized(delivery, tenantId, serialized);

  async function startRun(serialized: SerializedDag, dagVersionId: string, logicalDate: Date) {
    return runs.create(tenantId, {
      dagId: serialized.dagId,
      dagVersionId,
      serialized,
      runType: 'manual',
      logicalDate,
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      conf: {},
    });
  }

  const incidentsOf = async (dagId: string) =>
    (await incidents.list(tenantId, { limit: 50, offset: 0 }, { dagId })).items;

  beforeAll(async () => {
    stack = await startAlertingStack(200);
    ({ smtp, slack, schedulers, delivery } = stack);
    runs = delivery.get(DagRunRepository);
    incidents = delivery.get(IncidentRepository);
    db = delivery.get(DataSource);
    const accounts = delivery.get(AccountRepository);
    const owner = await accounts.createTenantWithOwner({
      email: 'o@example.com',
      passwordHash: 'x',
      tenantSlug: 'acme',
      tenantName: 'Acme',
    });
    [tenantId, ownerId] = [owner.tenant.id, owner.user.id];
    otherTenantId = (
      await accounts.createTenantWithOwner({
        email: 'p@example.com',
        passwordHash: 'x',
        tenantSlug: 'rival',
        tenantName: 'Rival',
      })
    ).tenant.id;
    const channels = delivery.get(ChannelService);
    await channels.create(tenantId, { name: 'ops-mail', type: 'email', config: { addresses: ['ops@example.com'] } });
    await channels.create(tenantId, {
      name: 'pager-slack',
      type: 'slack',
      config: { botToken: 'xoxb-test-token', channel: '#pager' },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('opens one incident for a deadline miss, joins the repeat to it, escalates once, and resolves on a later success', async () => {
    const serialized = serializedDagOf('nightly', [emptyTask('extract')], {
      deadlineMs: DEADLINE_MS,
      incidents: {
        severity: 'high',
        channels: ['ops-mail'],
        escalateAfterMs: ESCALATE_AFTER_MS,
        escalateTo: ['pager-slack'],
      },
    });
    const versionId = await deploy(serialized);
    const first = await startRun(serialized, versionId, new Date(Date.now() - 60_000));

    const opened = await smtp.waitForMail('ops@example.com', /Incident HIGH: nightly: deadline missed/);
    expect(opened.text).toContain('Incident opened on DAG nightly (severity high): run manual__');
    expect(opened.text).toMatch(/https:\/\/updraft\.example\.com\/incidents\/[0-9a-f-]{36}\?tenant=acme/);
    // The owner (the default responder) gets a signed acknowledge and resolve link, bound to them and this incident.
    expect(opened.text).toContain('For o@example.com:');
    const [, ackToken] =
      /Acknowledge: https:\/\/updraft\.example\.com\/api\/v1\/actionLinks\/(\S+)/.exec(opened.text) ?? [];
    const verified = delivery.get(ActionLinkSigner).verify(ackToken);
    expect(verified).toMatchObject({
      ok: true,
      claims: { tenantId, subjectKind: 'incident', action: 'acknowledge', userId: ownerId },
    });

    // The same rule missed again, while both schedulers check at once: it joins the open incident.
    const second = await startRun(serialized, versionId, new Date(Date.now() - 30_000));
    await waitFor(
      async () => incidentsOf('nightly'),
      (list) => list.length === 1 && list[0].occurrences === 2,
      { timeoutMs: 15_000, what: 'the repeat to join the incident' },
    );
    await Promise.all(schedulers.flatMap((app) => [app.get(IncidentKeeper).check(), app.get(IncidentKeeper).check()]));
    const [incident] = await incidentsOf('nightly');
    expect(incident).toMatchObject({ rule: 'deadline', severity: 'high', state: 'open', occurrences: 2 });
    expect(verified.ok && verified.claims.subjectId).toBe(incident.id);
    const withRuns = await incidents.timeline(tenantId, incident.id);
    expect(withRuns.runs.map((r) => r.dagRunId)).toEqual([first.id, second.id]);

    // Not acknowledged in time: the next channel is told, once.
    const escalation = await slack.waitForMessage(
      (m) => m.text.includes('Escalated HIGH: nightly: deadline missed'),
      'the escalation on Slack',
    );
    expect(escalation).toMatchObject({ channel: '#pager', credential: 'xoxb-test-token' });
    expect(escalation.text).toContain('still not acknowledged');
    await Promise.all(schedulers.map((app) => app.get(IncidentKeeper).check()));

    // A later run succeeds: the incident resolves by itself.
    const later = await startRun(serialized, versionId, new Date());
    await db.query(`UPDATE dag_run SET state = 'success', end_date = now() WHERE id = $1`, [later.id]);
    await waitFor(
      async () => incidents.get(tenantId, incident.id),
      (found) => found?.state === 'resolved',
      { timeoutMs: 15_000, what: 'the incident to resolve' },
    );
    const resolved = await incidents.get(tenantId, incident.id);
    expect(resolved?.resolvedBy).toBeNull();

    const { events } = await incidents.timeline(tenantId, incident.id);
    // Each once; the join and the escalation race each other, so only the ends' order is fixed.
    const kinds = events.map((e) => e.kind);
    expect([kinds[0], kinds.at(-1)]).toEqual(['opened', 'resolved']);
    expect([...kinds].sort()).toEqual(['alerted', 'escalated', 'joined', 'opened', 'resolved']);
    expect(events.find((e) => e.kind === 'alerted')?.text).toBe('told ops-mail');
    expect(events.find((e) => e.kind === 'escalated')?.text).toBe('told pager-slack');
    expect(events.at(-1)?.text).toBe(`resolved automatically: run ${later.runId} succeeded`);
    expect(smtp.mails.filter((m) => m.subject.includes('Incident HIGH: nightly'))).toHaveLength(1);
    expect(slack.messages.filter((m) => m.text.includes('Escalated HIGH: nightly'))).toHaveLength(1);

    // A new miss after the resolution opens a new incident.
    await startRun(serialized, versionId, new Date(Date.now() + 1_000));
    await waitFor(
      async () => incidentsOf('nightly'),
      (list) => list.length === 2 && list[0].state !== 'resolved',
      { timeoutMs: 15_000, what: 'a second incident' },
    );
  });

  it('opens a critical incident when a run of a critical DAG fails, and an acknowledgement stops its escalation', async () => {
    const serialized = serializedDagOf('payments', [emptyTask('charge')], {
      critical: true,
      incidents: { severity: 'critical', escalateAfterMs: SLOW_ESCALATION_MS, escalateTo: ['pager-slack'] },
      deadlineChannels: ['ops-mail'],
    });
    const versionId = await deploy(serialized);
    const run = await startRun(serialized, versionId, new Date());
    await db.query(`UPDATE dag_run SET state = 'failed', end_date = now() WHERE id = $1`, [run.id]);

    const [incident] = await waitFor(
      async () => incidentsOf('payments'),
      (list) => list.length === 1,
      { timeoutMs: 15_000, what: 'the incident' },
    );
    expect(incident).toMatchObject({ rule: 'failure', severity: 'critical', title: 'payments: run failed' });
    expect(await incidents.acknowledge(tenantId, incident.id, 'o@example.com', 'api')).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'o@example.com',
    });
    expect(await incidents.acknowledge(tenantId, incident.id, 'someone@example.com', 'api')).toBeNull();
    await smtp.waitForMail('ops@example.com', /Incident CRITICAL: payments: run failed/);

    await waitFor(
      async () => Date.now(),
      (now) => now > incident.openedAt.getTime() + SLOW_ESCALATION_MS + 500,
      { timeoutMs: 10_000, what: 'the escalation time to pass' },
    );
    await Promise.all(schedulers.map((app) => app.get(IncidentKeeper).check()));
    expect((await incidents.get(tenantId, incident.id))?.escalatedAt).toBeNull();
    expect(slack.messages.some((m) => m.text.includes('payments'))).toBe(false);
  });

  it("keeps each tenant's incidents to itself", async () => {
    const [incident] = await incidentsOf('payments');
    expect(await incidents.get(otherTenantId, incident.id)).toBeNull();
    expect((await incidents.list(otherTenantId, { limit: 50, offset: 0 })).total).toBe(0);
    expect(await incidents.resolve(otherTenantId, incident.id, 'p@example.com', 'api', '')).toBeNull();
    expect(await incidents.addNote(otherTenantId, incident.id, 'p@example.com', 'api', 'mine now')).toBe(false);
    expect((await incidents.timeline(otherTenantId, incident.id)).events).toEqual([]);
    expect((await incidents.get(tenantId, incident.id))?.state).toBe('acknowledged');
  });
});
