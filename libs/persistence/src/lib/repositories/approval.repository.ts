import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EFFECTIVE_TEAM } from './dag.repository';
import type { Page, PageRequest } from './page';

export type ApprovalState = 'pending' | 'answered' | 'timed_out';
export type ApprovalVia = 'console' | 'api' | 'email' | 'slack' | 'timeout';

/** One question of an approval step to its assignees, and its answer. */
export interface ApprovalRecord {
  id: string;
  tenantId: string;
  taskInstanceId: string;
  dagRunId: string;
  /** The run's run id (`manual__…`). */
  runId: string;
  dagId: string;
  taskId: string;
  mapIndex: number;
  subject: string;
  body: string;
  options: string[];
  form: Record<string, { type?: string; default?: unknown; description?: string; enum?: unknown[] }>;
  assigneeIds: string[];
  /** The assignees' addresses, in the order of `assigneeIds`. */
  assigneeEmails: string[];
  channels: string[];
  state: ApprovalState;
  timeoutAt: Date;
  onTimeout: string;
  option: string | null;
  formValues: Record<string, unknown> | null;
  answeredBy: string | null;
  answeredByEmail: string | null;
  answeredVia: ApprovalVia | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export type NewApproval = Pick<
  ApprovalRecord,
  | 'tenantId'
  | 'taskInstanceId'
  | 'dagRunId'
  | 'dagId'
  | 'taskId'
  | 'mapIndex'
  | 'subject'
  | 'body'
  | 'options'
  | 'assigneeIds'
  | 'channels'
  | 'timeoutAt'
  | 'onTimeout'
> & { form: Record<string, unknown> };

export interface ApprovalAnswerInput {
  option: string;
  formValues: Record<string, unknown>;
  userId: string;
  email: string;
  via: ApprovalVia;
}

export interface ApprovalFilter {
  state?: ApprovalState;
  /** Only questions this user is an assignee of. */
  assigneeId?: string;
  dagId?: string;
  dagRunId?: string;
  /** Only DAGs of these teams (a member's team roles); null: every DAG. */
  teams?: readonly string[] | null;
}

const SELECT = `SELECT a.*, r.run_id,
    ARRAY(SELECT u.email FROM unnest(a.assignee_ids) WITH ORDINALITY AS x(id, n) JOIN app_user u ON u.id = x.id ORDER BY x.n) AS assignee_emails
  FROM approval_request a JOIN dag_run r ON r.id = a.dag_run_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row of the query above
function toRecord(row: Record<string, any>): ApprovalRecord {
  return {
    id: row['id'],
    tenantId: row['tenant_id'],
    taskInstanceId: row['task_instance_id'],
    dagRunId: row['dag_run_id'],
    runId: row['run_id'],
    dagId: row['dag_id'],
    taskId: row['task_id'],
    mapIndex: row['map_index'],
    subject: row['subject'],
    body: row['body'],
    options: row['options'],
    form: row['form'],
    assigneeIds: row['assignee_ids'],
    assigneeEmails: row['assignee_emails'],
    channels: row['channels'],
    state: row['state'],
    timeoutAt: row['timeout_at'],
    onTimeout: row['on_timeout'],
    option: row['option'],
    formValues: row['form_values'],
    answeredBy: row['answered_by'],
    answeredByEmail: row['answered_by_email'],
    answeredVia: row['answered_via'],
    answeredAt: row['answered_at'],
    createdAt: row['created_at'],
  };
}

/** Approval steps' questions: asked once per task instance, answered (or timed out) once. */
@Injectable()
export class ApprovalRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Asks the question of a task instance, once: a second call (the step woken early, a retry of the worker) finds the first. */
  async open(input: NewApproval): Promise<{ approval: ApprovalRecord; created: boolean }> {
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO approval_request (tenant_id, task_instance_id, dag_run_id, dag_id, task_id, map_index, subject, body, options, form,
         assignee_ids, channels, timeout_at, on_timeout)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (task_instance_id) DO NOTHING RETURNING id`,
      [
        input.tenantId,
        input.taskInstanceId,
        input.dagRunId,
        input.dagId,
        input.taskId,
        input.mapIndex,
        input.subject,
        input.body,
        JSON.stringify(input.options),
        JSON.stringify(input.form),
        input.assigneeIds,
        JSON.stringify(input.channels),
        input.timeoutAt,
        input.onTimeout,
      ],
    );
    const approval = await this.ofTaskInstance(input.tenantId, input.taskInstanceId);
    return { approval: approval as ApprovalRecord, created: inserted.length > 0 };
  }

  async ofTaskInstance(tenantId: string, taskInstanceId: string): Promise<ApprovalRecord | null> {
    const rows = await this.db.query(`${SELECT} WHERE a.tenant_id = $1 AND a.task_instance_id = $2`, [
      tenantId,
      taskInstanceId,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async get(tenantId: string, id: string, tx: EntityManager = this.db.manager): Promise<ApprovalRecord | null> {
    const rows = await tx.query(`${SELECT} WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A tenant's questions, newest first. */
  async list(tenantId: string, filter: ApprovalFilter, page: PageRequest): Promise<Page<ApprovalRecord>> {
    const where = ['a.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.state) add((n) => `a.state = ${n}`, filter.state);
    if (filter.assigneeId) add((n) => `${n}::uuid = ANY (a.assignee_ids)`, filter.assigneeId);
    if (filter.dagId) add((n) => `a.dag_id = ${n}`, filter.dagId);
    if (filter.dagRunId) add((n) => `a.dag_run_id = ${n}`, filter.dagRunId);
    if (filter.teams)
      add(
        (n) =>
          `EXISTS (SELECT 1 FROM dag d JOIN dag_version v ON v.id = d.current_version_id WHERE d.tenant_id = a.tenant_id AND d.dag_id = a.dag_id AND ${EFFECTIVE_TEAM} = ANY (${n}))`,
        filter.teams,
      );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM approval_request a WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
      params,
    );
    return { items: rows.map(toRecord), total, limit: page.limit, offset: page.offset };
  }

  /**
   * The first valid answer wins: stores it only while the question is pending and not timed out,
   * and wakes the waiting task instance (its `next_try_at` becomes now, so the next evaluation of
   * the run queues it). Null when the question was answered or timed out already.
   */
  async answer(
    tx: EntityManager,
    tenantId: string,
    id: string,
    answer: ApprovalAnswerInput,
  ): Promise<ApprovalRecord | null> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [updated]: [{ task_instance_id: string }[], number] = await tx.query(
      `UPDATE approval_request SET state = 'answered', option = $3, form_values = $4, answered_by = $5, answered_by_email = $6,
         answered_via = $7, answered_at = now()
        WHERE tenant_id = $1 AND id = $2 AND state = 'pending' AND timeout_at > now() RETURNING task_instance_id`,
      [tenantId, id, answer.option, JSON.stringify(answer.formValues), answer.userId, answer.email, answer.via],
    );
    if (updated.length === 0) return null;
    await tx.query(
      `UPDATE task_instance SET next_try_at = now() WHERE tenant_id = $1 AND id = $2 AND state = 'awaiting_input'`,
      [tenantId, updated[0].task_instance_id],
    );
    return this.get(tenantId, id, tx);
  }

  /** Nobody answered in time: the question is closed with the timeout's option (null for fail/skip). */
  async timeOut(tenantId: string, id: string): Promise<ApprovalRecord | null> {
    const [updated]: [unknown[], number] = await this.db.query(
      `UPDATE approval_request SET state = 'timed_out', answered_via = 'timeout', answered_at = now(),
         option = CASE WHEN on_timeout IN ('fail', 'skip') THEN NULL ELSE on_timeout END
        WHERE tenant_id = $1 AND id = $2 AND state = 'pending' AND timeout_at <= now() RETURNING id`,
      [tenantId, id],
    );
    return updated.length > 0 ? this.get(tenantId, id) : null;
  }

  /**
   * The members a step's `assignees` name (addresses of members, `role:<role>`, `team:<name>`), or
   * the tenant's owners and admins when it names none.
   */
  async resolveAssignees(tenantId: string, specs: readonly string[]): Promise<string[]> {
    const emails = specs.filter((s) => s.includes('@') && !s.startsWith('role:') && !s.startsWith('team:'));
    const roles = specs.filter((s) => s.startsWith('role:')).map((s) => s.slice(5));
    const teams = specs.filter((s) => s.startsWith('team:')).map((s) => s.slice(5));
    if (specs.length === 0) roles.push('owner', 'admin');
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT m.user_id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND (lower(u.email) = ANY ($2) OR m.role = ANY ($3)
          OR m.user_id IN (SELECT tm.user_id FROM team_member tm JOIN team t ON t.id = tm.team_id WHERE tm.tenant_id = $1 AND t.name = ANY ($4)))
        ORDER BY u.email`,
      [tenantId, emails.map((e) => e.toLowerCase()), roles, teams],
    );
    return rows.map((r) => r.user_id);
  }
}
