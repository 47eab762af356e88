import { Inject, Injectable, Logger } from '@nestjs/common';
import { LogLevel, WebClient } from '@slack/web-api';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { ChannelVault, verifySlackSignature } from '@updraft/notifications';
import {
  AccountRepository,
  ActionLinkRepository,
  NotificationChannelRepository,
  TenantRepository,
} from '@updraft/persistence';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiException } from '../../services/http/api-exception';
import { readRawBody } from '../action-links/form-body';
import { setAuditSubject } from '../audit/audit.service';
import { ApprovalsService } from './approvals.service';

const ACTION_PREFIX = 'approval:';

interface BlockActionsPayload {
  type: string;
  user?: { id?: string };
  channel?: { id?: string };
  message?: { ts?: string };
  actions?: { action_id?: string; value?: string }[];
}

/** What the endpoint answers Slack: 200 once the request is verified (Slack shows an error otherwise), 401/404 when it is not. */
export interface SlackReply {
  status: number;
  text: string;
}

/**
 * Slack's interactivity requests (approval buttons) for one tenant's Slack channel: the request is
 * verified with the channel's signing secret, the clicking Slack user is matched to a member by the
 * email Slack gives for them (users.info), and the answer goes the same way as any other.
 */
@Injectable()
export class SlackInteractionsService {
  private readonly logger = new Logger('SlackInteractions');

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly db: DataSource,
    private readonly channels: NotificationChannelRepository,
    private readonly tenants: TenantRepository,
    private readonly vault: ChannelVault,
    private readonly accounts: AccountRepository,
    private readonly members: ActionLinkRepository,
    private readonly approvals: ApprovalsService,
  ) {}

  async handle(tenantSlug: string, channelName: string, req: Request): Promise<SlackReply> {
    const raw = req.readableEnded ? null : await readRawBody(req);
    const tenantId = (await this.tenants.bySlug(tenantSlug))?.id ?? null;
    const [channel] = tenantId ? await this.channels.byNames(tenantId, [channelName]) : [];
    if (!tenantId || !channel || channel.type !== 'slack') return { status: 404, text: 'no such Slack channel' };
    const secrets = this.vault.open(channel.tenantId, channel.name, channel.secrets);
    if (!secrets.signingSecret) return { status: 404, text: 'this channel has no signingSecret: interactivity is off' };
    const header = (name: string) => req.headers[name] as string | undefined;
    const check = verifySlackSignature(
      secrets.signingSecret,
      header('x-slack-request-timestamp'),
      header('x-slack-signature'),
      raw ?? '',
    );
    if (raw === null || !check.ok) return { status: 401, text: check.ok ? 'the body was read already' : check.reason };
    let payload: BlockActionsPayload;
    try {
      payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? '') as BlockActionsPayload;
    } catch {
      return { status: 400, text: 'payload is not JSON' };
    }
    const action = payload.actions?.[0];
    if (payload.type !== 'block_actions' || !action?.action_id?.startsWith(ACTION_PREFIX) || !action.value)
      return { status: 200, text: '' };
    const slack = new WebClient(secrets.botToken, {
      slackApiUrl: this.config.slackApiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    const tell = (text: string, ephemeral: boolean) =>
      (ephemeral
        ? slack.chat.postEphemeral({ channel: payload.channel?.id ?? '', user: payload.user?.id ?? '', text })
        : slack.chat.postMessage({ channel: payload.channel?.id ?? '', thread_ts: payload.message?.ts, text })
      ).catch((error: Error) => this.logger.warn(`could not reply on Slack: ${error.message}`));
    const email = await slack.users
      .info({ user: payload.user?.id ?? '' })
      .then((info) => info.user?.profile?.email ?? null)
      .catch(() => null);
    const user = email ? await this.accounts.findUserByEmail(email.toLowerCase()) : null;
    const holder = user ? await this.members.holder(tenantId, user.id) : null;
    if (!user || !holder) {
      await tell(`Your Slack account${email ? ` (${email})` : ''} is not a member of this Updraft organisation.`, true);
      return { status: 200, text: '' };
    }
    setAuditSubject(req, { actor: { id: user.id, email: holder.email }, tenantId });
    const answerer = {
      tenantId,
      userId: user.id,
      email: holder.email,
      role: holder.role,
      ip: req.ip ?? null,
    };
    const option = action.action_id.slice(ACTION_PREFIX.length);
    try {
      const answered = await this.db.transaction((tx) =>
        this.approvals.answerIn(tx, answerer, action.value as string, { option, via: 'slack' }),
      );
      await this.approvals.wake(answered);
      await tell(`*${option}*: answered by ${holder.email} from Slack.`, false);
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      await tell(error.message, true);
    }
    return { status: 200, text: '' };
  }
}
