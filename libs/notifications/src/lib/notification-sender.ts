import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { egressFetch, EgressPolicy } from '@updraft/egress';
import { Mailer } from '@updraft/mail';
import type { NotificationChannelEntity } from '@updraft/persistence';
import type { NotificationMessage } from '@updraft/queues';
import { LogLevel, WebClient } from '@slack/web-api';
import type { EmailSettings, SlackSettings } from './channel-config';
import { ChannelVault } from './channel-vault';

/** Where an operator sends instead of the channel's own recipients. */
export interface DeliveryOverride {
  to?: string[];
  slackChannel?: string;
  /** The notification's key: an email's Message-ID comes from it, the same for every attempt. */
  notificationKey?: string;
}

/** One Message-ID per notification and channel: a mail sent again after a lost acknowledgement is the same message. */
export function notificationMessageId(channelId: string, key: string): string {
  return `<${createHash('sha256').update(`${channelId}\n${key}`).digest('hex').slice(0, 32)}@notifications.updraft>`;
}

export class NotificationDeliveryError extends Error {}

const WEBHOOK_TIMEOUT_MS = 15_000;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The one place a notification is rendered for and delivered to a channel (alerts, callbacks, the email and slack operators). */
@Injectable()
export class NotificationSender {
  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly mailer: Mailer,
    private readonly vault: ChannelVault,
    private readonly egress: EgressPolicy,
  ) {}

  async send(
    channel: NotificationChannelEntity,
    message: NotificationMessage,
    override: DeliveryOverride = {},
  ): Promise<void> {
    const secrets = this.vault.open(channel.tenantId, channel.name, channel.secrets);
    if (channel.type === 'email') {
      const settings = channel.settings as unknown as EmailSettings;
      const to = override.to && override.to.length > 0 ? override.to : settings.addresses;
      const links = (message.actions ?? []).filter((a) => a.url);
      const text = [
        message.text,
        ...links.map((a) => `${a.label}: ${a.url}`),
        ...(message.link ? [message.link] : []),
      ].join('\n\n');
      const html = `<p>${escapeHtml(message.text).replace(/\n/g, '<br>')}</p>${links
        .map((a) => `<p><a href="${escapeHtml(a.url as string)}">${escapeHtml(a.label)}</a></p>`)
        .join(
          '',
        )}${message.link ? `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>` : ''}`;
      // A tenant's own SMTP server is a tenant-chosen destination; the platform's is not.
      if (secrets.smtpUrl) await this.checkEgress(secrets.smtpUrl, ['smtp:', 'smtps:'], "the channel's SMTP server");
      const smtp = secrets.smtpUrl
        ? { url: secrets.smtpUrl, from: settings.from }
        : settings.from
          ? { url: this.config.smtpUrl, from: settings.from }
          : undefined;
      const messageId = override.notificationKey
        ? notificationMessageId(channel.id, override.notificationKey)
        : undefined;
      await this.mailer.send({ to, subject: message.subject, text, html, messageId }, smtp);
      return;
    }
    const text = `${message.subject ? `*${message.subject}*\n` : ''}${message.text}${message.link ? `\n<${message.link}|Open in Updraft>` : ''}`;
    const buttons = (message.actions ?? []).filter((a) => a.actionId);
    const blocks =
      buttons.length > 0
        ? [
            { type: 'section', text: { type: 'mrkdwn', text } },
            {
              type: 'actions',
              elements: buttons.map((b) => ({
                type: 'button',
                text: { type: 'plain_text', text: b.label },
                action_id: b.actionId,
                value: b.value,
              })),
            },
          ]
        : undefined;
    if (secrets.webhookUrl) return this.postToWebhook(secrets.webhookUrl, text);
    const client = new WebClient(secrets.botToken, {
      slackApiUrl: this.config.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    const conversation = override.slackChannel ?? (channel.settings as SlackSettings).channel;
    try {
      await client.chat.postMessage({ channel: conversation as string, text, mrkdwn: true, ...(blocks && { blocks }) });
    } catch (error) {
      throw new NotificationDeliveryError(
        `Slack did not accept the message for ${conversation}: ${(error as Error).message}`,
      );
    }
  }

  private async postToWebhook(url: string, text: string): Promise<void> {
    let response: Awaited<ReturnType<typeof egressFetch>>;
    await this.checkEgress(url, ['https:', 'http:'], 'the Slack webhook');
    try {
      response = await egressFetch(this.egress, url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
    } catch (error) {
      throw new NotificationDeliveryError(`the Slack webhook could not be reached: ${(error as Error).message}`);
    }
    // The URL itself is the credential: errors name the answer, never the URL.
    if (!response.ok)
      throw new NotificationDeliveryError(
        `the Slack webhook answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
      );
  }

  private async checkEgress(url: string, protocols: string[], what: string): Promise<void> {
    try {
      await this.egress.check(url, protocols);
    } catch (error) {
      throw new NotificationDeliveryError(`${what} may not be reached: ${(error as Error).message}`);
    }
  }
}
