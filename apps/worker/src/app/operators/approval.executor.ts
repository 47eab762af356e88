import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { ActionLinkSigner, Notifier } from '@updraft/notifications';
import {
  ApprovalRecord,
  ApprovalRepository,
  NotificationChannelRepository,
  TenantRepository,
} from '@updraft/persistence';
import type { ApprovalAnswer, ApprovalSettings } from '@updraft/sdk';
import type { ExecutorOutcome, OperatorExecutor, TryContext } from './operator-executor';

/** The subject kind of approval links (`ActionLinkGrant.subjectKind`) and the prefix of Slack buttons' action ids. */
export const APPROVAL_LINK_KIND = 'approval';

/**
 * An approval step, in the worker (no tenant code runs). The first try asks the assignees (the
 * question is stored, then sent through the step's channels with one-click answers) and waits in
 * `awaiting_input`, holding no slot; it runs again when someone answers or the timeout passes, and
 * ends with the answer as its XCom, or as `onTimeout` says.
 */
@Injectable()
export class ApprovalExecutor implements OperatorExecutor {
  readonly operators = ['approval'] as const;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly approvals: ApprovalRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly tenants: TenantRepository,
    private readonly notifier: Notifier,
    private readonly links: ActionLinkSigner,
  ) {}

  async execute({ ti, task, loaded, sink }: TryContext): Promise<ExecutorOutcome> {
    const settings = task.config as unknown as ApprovalSettings;
    let approval = await this.approvals.ofTaskInstance(ti.tenantId, ti.id);
    if (!approval) {
      const assigneeIds = await this.approvals.resolveAssignees(ti.tenantId, settings.assignees);
      if (assigneeIds.length === 0)
        return {
          outcome: 'fail',
          message: `no member of the tenant matches the assignees (${settings.assignees.join(', ') || 'owners and admins'})`,
        };
      const opened = await this.approvals.open({
        tenantId: ti.tenantId,
        taskInstanceId: ti.id,
        dagRunId: ti.dagRunId,
        dagId: loaded.run.dagId,
        taskId: ti.taskId,
        mapIndex: ti.mapIndex,
        subject: String(settings.subject),
        body: String(settings.body ?? ''),
        options: settings.options,
        form: settings.form ?? {},
        assigneeIds,
        channels: settings.channels ?? [],
        timeoutAt: new Date(Date.now() + settings.timeoutMs),
        onTimeout: settings.onTimeout,
      });
      approval = opened.approval;
      if (opened.created) {
        sink.write('system', `asked ${approval.assigneeEmails.join(', ')}: ${approval.subject}`);
        await this.ask(approval, sink);
      }
    }
    if (approval.state === 'pending' && approval.timeoutAt.getTime() <= Date.now())
      approval =
        (await this.approvals.timeOut(ti.tenantId, approval.id)) ??
        (await this.approvals.get(ti.tenantId, approval.id)) ??
        approval;
    if (approval.state === 'pending')
      return {
        outcome: 'await_input',
        at: approval.timeoutAt,
        message: `waiting for ${approval.assigneeEmails.join(', ')} to answer (${approval.options.join(' / ')}) until ${approval.timeoutAt.toISOString()}`,
      };
    if (approval.state === 'timed_out' && approval.option === null) {
      const message = `nobody answered by ${approval.timeoutAt.toISOString()}`;
      return approval.onTimeout === 'skip' ? { outcome: 'skip', message } : { outcome: 'fail', message };
    }
    const answer: ApprovalAnswer = {
      option: approval.option as string,
      form: { ...defaultsOf(approval), ...(approval.formValues ?? {}) },
      answeredBy: approval.answeredByEmail,
      via: approval.answeredVia ?? 'timeout',
      answeredAt: (approval.answeredAt ?? new Date()).toISOString(),
    };
    sink.write(
      'system',
      approval.state === 'timed_out'
        ? `nobody answered in time: '${answer.option}' taken, as onTimeout says`
        : `answered '${answer.option}' by ${answer.answeredBy} (${answer.via})`,
    );
    return { outcome: 'success', valueJson: JSON.stringify(answer) };
  }

  /** Sends the question through the step's channels: each assignee their own links by email, one message with buttons to Slack. */
  private async ask(approval: ApprovalRecord, sink: TryContext['sink']): Promise<void> {
    if (approval.channels.length === 0) return;
    const found = await this.channels.byNames(approval.tenantId, approval.channels);
    const missing = approval.channels.filter((name) => !found.some((c) => c.name === name));
    if (missing.length > 0) sink.write('system', `no notification channel named ${missing.join(', ')}`);
    const slug = (await this.tenants.find(approval.tenantId))?.slug ?? approval.tenantId;
    const base = {
      subject: `[Updraft] Approval needed: ${approval.subject}`,
      text: [
        approval.body,
        `${approval.dagId}.${approval.taskId} in run ${approval.runId} asks ${approval.assigneeEmails.join(', ')} to answer ${approval.options.join(' or ')} by ${approval.timeoutAt.toISOString()}.`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      link: `${this.config.publicUrl.replace(/\/$/, '')}/approvals?tenant=${encodeURIComponent(slug)}&id=${approval.id}`,
    };
    for (const channel of found) {
      if (channel.type === 'slack') {
        await this.notifier.enqueue(approval.tenantId, [channel.name], {
          key: `approval:${approval.id}`,
          kind: 'approval_request',
          message: {
            ...base,
            actions: approval.options.map((option) => ({
              label: option,
              actionId: `${APPROVAL_LINK_KIND}:${option}`,
              value: approval.id,
            })),
          },
        });
        continue;
      }
      for (const [index, userId] of approval.assigneeIds.entries()) {
        const grant = { tenantId: approval.tenantId, subjectKind: APPROVAL_LINK_KIND, subjectId: approval.id, userId };
        await this.notifier.enqueue(approval.tenantId, [channel.name], {
          key: `approval:${approval.id}:${userId}`,
          kind: 'approval_request',
          to: [approval.assigneeEmails[index]],
          message: {
            ...base,
            actions: approval.options.map((option) => ({
              label: option,
              url: this.links.url({ ...grant, action: option, expiresAt: approval.timeoutAt }),
            })),
          },
        });
      }
    }
    sink.write('system', `sent through ${found.map((c) => c.name).join(', ') || 'no channel'}`);
  }
}

function defaultsOf(approval: ApprovalRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(approval.form)
      .filter(([, spec]) => spec.default !== undefined)
      .map(([name, spec]) => [name, spec.default]),
  );
}
