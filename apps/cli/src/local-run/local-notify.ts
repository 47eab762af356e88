import type { OperatorOutcome } from '@updraft/operators';
import { createTransport } from 'nodemailer';

/** Where a local run's `email` and `slack` tasks really deliver; without these they only print their message. */
export interface LocalDelivery {
  smtpUrl?: string;
  mailFrom?: string;
  slackWebhook?: string;
}

export const DEFAULT_MAIL_FROM = 'updraft-dags-test@localhost';
const SEND_TIMEOUT_MS = 15_000;

/** `smtp://host:port`: the server, never its credentials. */
function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

interface EmailConfig {
  to: string[];
  subject: string;
  body: string;
  channel: string | null;
}

/** The `email` operator locally: prints the rendered mail, and sends it when `--smtp-url` is given. */
export async function localEmail(
  config: EmailConfig,
  delivery: LocalDelivery,
  log: (line: string) => void,
): Promise<OperatorOutcome> {
  const channel = config.channel ? `channel '${config.channel}'` : "the tenant's default email channel";
  log(`email to ${config.to.length > 0 ? config.to.join(', ') : `the addresses of ${channel}`}`);
  log(`subject: ${config.subject}`);
  for (const line of config.body.split('\n')) log(`  ${line}`);
  if (!delivery.smtpUrl) {
    log(
      `not sent: a local run prints the mail (give --smtp-url to send it; on the platform it goes through ${channel})`,
    );
    return { outcome: 'success', valueJson: null };
  }
  if (config.to.length === 0)
    return {
      outcome: 'fail',
      message: `the mail has no 'to': on the platform it goes to the addresses of ${channel}, which a local run does not know; give the task a 'to'`,
    };
  const transport = createTransport(delivery.smtpUrl, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    tls: { rejectUnauthorized: false },
  });
  try {
    await transport.sendMail({
      from: delivery.mailFrom ?? DEFAULT_MAIL_FROM,
      to: config.to,
      subject: config.subject,
      text: config.body,
    });
  } catch (error) {
    return {
      outcome: 'error',
      message: `${serverOf(delivery.smtpUrl)} did not take the mail: ${(error as Error).message}`,
    };
  } finally {
    transport.close();
  }
  log(`sent through ${serverOf(delivery.smtpUrl)}`);
  return { outcome: 'success', valueJson: null };
}

interface SlackConfig {
  text: string;
  channel: string | null;
  slackChannel: string | null;
}

/** The `slack` operator locally: prints the rendered message, and posts it when `--slack-webhook` is given. */
export async function localSlack(
  config: SlackConfig,
  delivery: LocalDelivery,
  log: (line: string) => void,
): Promise<OperatorOutcome> {
  const target =
    config.slackChannel ?? (config.channel ? `channel '${config.channel}'` : "the tenant's default Slack channel");
  log(`Slack message for ${target}:`);
  for (const line of config.text.split('\n')) log(`  ${line}`);
  if (!delivery.slackWebhook) {
    log('not posted: a local run prints the message (give --slack-webhook to post it)');
    return { outcome: 'success', valueJson: null };
  }
  // The webhook URL is the credential: messages name its answer, never the URL.
  let response: Response;
  try {
    response = await fetch(delivery.slackWebhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: config.text }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return {
      outcome: 'error',
      message: `the Slack webhook could not be reached: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`,
    };
  }
  if (!response.ok)
    return {
      outcome: 'error',
      message: `the Slack webhook answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
    };
  log(
    `posted through the webhook${config.slackChannel ? ` (a webhook posts to its own channel, not ${config.slackChannel})` : ''}`,
  );
  return { outcome: 'success', valueJson: null };
}
