import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ActionLinkClaims } from '@updraft/notifications';
import { ApprovalRepository, LinkHolder } from '@updraft/persistence';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../../services/http/api-exception';
import {
  ActionLinkHandler,
  ActionLinkOrigin,
  ActionLinkOutcome,
  ActionLinkPrompt,
  ActionLinkRegistry,
} from '../action-links/action-link-registry';
import { ApprovalsService } from './approvals.service';

/** Answers by the one-click links of approval emails (subject kind `approval`, action = the option). */
@Injectable()
export class ApprovalLinks implements ActionLinkHandler, OnModuleInit {
  readonly subjectKind = 'approval';

  constructor(
    private readonly registry: ActionLinkRegistry,
    private readonly approvals: ApprovalRepository,
    private readonly service: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async describe(link: ActionLinkClaims, holder: LinkHolder): Promise<ActionLinkPrompt | null> {
    const approval = await this.approvals.get(link.tenantId, link.subjectId);
    if (!approval || !approval.options.includes(link.action)) return null;
    const answerer = { tenantId: link.tenantId, userId: link.userId, email: holder.email, role: holder.role, ip: null };
    if (!(await this.service.mayAnswer(answerer, approval))) return null;
    return {
      title: `Answer '${link.action}' to: ${approval.subject}?`,
      lines: [
        approval.body,
        `${approval.dagId}.${approval.taskId} in run ${approval.runId}, answering as ${holder.email}.`,
        approval.state === 'pending'
          ? `Open until ${approval.timeoutAt.toISOString()}.`
          : `It is ${approval.state === 'answered' ? `answered already (${approval.option}, by ${approval.answeredByEmail})` : 'timed out'}.`,
      ].filter(Boolean),
      confirmLabel: link.action,
    };
  }

  async perform(
    link: ActionLinkClaims,
    holder: LinkHolder,
    tx: EntityManager,
    origin: ActionLinkOrigin,
  ): Promise<ActionLinkOutcome> {
    const answerer = {
      tenantId: link.tenantId,
      userId: link.userId,
      email: holder.email,
      role: holder.role,
      ip: origin.ip,
    };
    try {
      const answered = await this.service.answerIn(tx, answerer, link.subjectId, { option: link.action, via: 'email' });
      return {
        done: true,
        message: `Answered '${answered.option}'. The run goes on.`,
        afterCommit: () => this.service.wake(answered),
      };
    } catch (error) {
      if (error instanceof ApiException) return { done: false, message: error.message };
      throw error;
    }
  }
}
