import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Approval, ApprovalPage } from '@updraft/api-types';
import { PERMISSIONS, resolveParams, roleHasPermission, Role, teamsGranting } from '@updraft/domain';
import {
  ApprovalRecord,
  ApprovalRepository,
  ApprovalVia,
  AuditLogRepository,
  DagRepository,
  DagRunRepository,
  TeamRepository,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { ApiException } from '../../services/http/api-exception';
import type { AnswerApprovalDto, ListApprovalsQuery } from './approvals.dto';
import { ApprovalException } from './approvals.exception';

/** Who answers, as each answer path knows them (a session or token, a link's holder, a Slack user matched by email). */
export interface Answerer {
  tenantId: string;
  userId: string;
  email: string;
  role: Role;
  ip: string | null;
}

export interface AnswerInput {
  option: string;
  form?: Record<string, unknown>;
  via: ApprovalVia;
}

export function toApprovalView(a: ApprovalRecord, userId: string | null): Approval {
  return {
    id: a.id,
    dagId: a.dagId,
    runId: a.runId,
    taskId: a.taskId,
    mapIndex: a.mapIndex,
    subject: a.subject,
    body: a.body,
    options: a.options,
    form: a.form as Approval['form'],
    assignees: a.assigneeEmails,
    mine: userId !== null && a.assigneeIds.includes(userId),
    state: a.state,
    timeoutAt: a.timeoutAt.toISOString(),
    onTimeout: a.onTimeout,
    option: a.option,
    formValues: a.formValues,
    answeredBy: a.answeredByEmail,
    answeredVia: a.answeredVia,
    answeredAt: a.answeredAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * Approval steps' questions and the one way they are answered, whatever the path (console, API,
 * email link, Slack button): an assignee allowed to edit the DAG's runs, a valid option and form,
 * the first answer wins; each attempt is in the audit log with who, the option and where from.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly db: DataSource,
    private readonly approvals: ApprovalRepository,
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    private readonly teams: TeamRepository,
    private readonly audit: AuditLogRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async list(
    tenantId: string,
    userId: string,
    teams: readonly string[] | null,
    query: ListApprovalsQuery,
  ): Promise<ApprovalPage> {
    let dagRunId: string | undefined;
    if (query.runId) {
      const run = query.dagId ? await this.runs.get(tenantId, query.dagId, query.runId) : null;
      if (!run) return { items: [], total: 0, limit: query.limit, offset: query.offset };
      dagRunId = run.id;
    }
    const page = await this.approvals.list(
      tenantId,
      {
        state: query.state,
        assigneeId: query.mine === 'true' ? userId : undefined,
        dagId: query.dagId,
        dagRunId,
        teams,
      },
      { limit: query.limit, offset: query.offset },
    );
    return { ...page, items: page.items.map((a) => toApprovalView(a, userId)) };
  }

  async get(tenantId: string, userId: string, teams: readonly string[] | null, id: string): Promise<Approval> {
    const approval = await this.approvals.get(tenantId, id);
    if (!approval || (teams && !teams.includes((await this.dags.teamOf(tenantId, approval.dagId)) ?? '')))
      throw new ApprovalException('approvalNotFound', `approval '${id}' not found`);
    return toApprovalView(approval, userId);
  }

  /** The console's and the API's answer: its own transaction, then the wake-up. */
  async answer(answerer: Answerer, id: string, body: AnswerApprovalDto): Promise<Approval> {
    const answered = await this.db.transaction((tx) =>
      this.answerIn(tx, answerer, id, { option: body.option, form: body.form, via: body.via ?? 'api' }),
    );
    await this.wake(answered);
    return toApprovalView(answered, answerer.userId);
  }

  /** Checks and stores an answer in `tx` (a link's use shares it); call `wake` after the commit. */
  async answerIn(tx: EntityManager, answerer: Answerer, id: string, input: AnswerInput): Promise<ApprovalRecord> {
    const approval = await this.approvals.get(answerer.tenantId, id, tx);
    try {
      if (!approval) throw new ApprovalException('approvalNotFound', `approval '${id}' not found`);
      if (!(await this.mayAnswer(answerer, approval)))
        throw new ApprovalException(
          'notAnAssignee',
          `only ${approval.assigneeEmails.join(', ')} may answer this, with runs:edit on DAG '${approval.dagId}'`,
        );
      if (!approval.options.includes(input.option))
        throw new ApprovalException(
          'unknownOption',
          `option must be one of ${approval.options.join(', ')} (got '${input.option}')`,
        );
      const formValues = this.formValues(approval, input.form ?? {});
      const answered = await this.approvals.answer(tx, answerer.tenantId, id, {
        option: input.option,
        formValues,
        userId: answerer.userId,
        email: answerer.email,
        via: input.via,
      });
      if (!answered) {
        const now = await this.approvals.get(answerer.tenantId, id, tx);
        throw new ApprovalException(
          'alreadyAnswered',
          now?.state === 'answered'
            ? `already answered '${now.option}' by ${now.answeredByEmail} (${now.answeredVia}) at ${now.answeredAt?.toISOString()}`
            : 'the question timed out before this answer',
        );
      }
      await this.record(answerer, approval, input, 'success', 200);
      return answered;
    } catch (error) {
      if (error instanceof ApiException && approval)
        await this.record(answerer, approval, input, 'failure', error.kind === 'conflict' ? 409 : 403);
      throw error;
    }
  }

  /** Queues the run's evaluation, which queues the woken step (the sweep does it too, should this job be lost). */
  async wake(approval: ApprovalRecord): Promise<void> {
    await this.scheduler.add(JOBS.evaluateRun, { tenantId: approval.tenantId, dagRunId: approval.dagRunId });
  }

  async mayAnswer(answerer: Answerer, approval: ApprovalRecord): Promise<boolean> {
    if (!approval.assigneeIds.includes(answerer.userId)) return false;
    if (roleHasPermission(answerer.role, PERMISSIONS.runsEdit)) return true;
    const granting = teamsGranting(await this.teams.rolesOf(answerer.tenantId, answerer.userId), PERMISSIONS.runsEdit);
    const team = await this.dags.teamOf(answerer.tenantId, approval.dagId);
    return Boolean(team && granting.includes(team));
  }

  private formValues(approval: ApprovalRecord, form: Record<string, unknown>): Record<string, unknown> {
    const unknown = Object.keys(form).filter((name) => !(name in approval.form));
    if (unknown.length > 0) throw new ApprovalException('invalidForm', `the form has no field ${unknown.join(', ')}`);
    const { params, problems } = resolveParams(approval.form as never, form);
    if (problems.length > 0)
      throw new ApprovalException(
        'invalidForm',
        problems.map((p) => p.problems.join('; ').replace(/conf\./g, 'form.')).join('; '),
        problems.map((p) => ({ field: p.field.replace(/^conf\./, 'form.'), problems: p.problems })),
      );
    return params;
  }

  /** Every answer, given or refused, in the tenant's audit log: who, the option, where from. */
  private async record(
    answerer: Answerer,
    approval: ApprovalRecord,
    input: AnswerInput,
    outcome: 'success' | 'failure',
    statusCode: number,
  ): Promise<void> {
    await this.audit.append({
      tenantId: answerer.tenantId,
      actorUserId: answerer.userId,
      actorEmail: answerer.email,
      action: 'answer approval',
      target: {
        approval: approval.id,
        dagId: approval.dagId,
        runId: approval.runId,
        taskId: approval.taskId,
        option: input.option,
        via: input.via,
      },
      outcome,
      statusCode,
      ip: answerer.ip,
    });
  }
}
