import { currentDag, Task } from './dag';
import { TaskArgs } from './types';

export interface EmailOptions extends TaskArgs {
  /** Recipients; the channel's own addresses when omitted. Templated. */
  to?: string | string[];
  /** Subject line. Templated (`{{ ds }}`, `{{ params.x }}`, `{{ ti.xcomPull('t') }}` …). */
  subject: string;
  /** Plain-text body. Templated. */
  body: string;
  /** The tenant's email notification channel to send through (its SMTP settings); the tenant's default email channel when omitted. */
  channel?: string;
}

/** A task that sends one email through one of the tenant's email notification channels. */
export function email(taskId: string, options: EmailOptions): Task {
  const { to, subject, body, channel, ...args } = options ?? ({} as EmailOptions);
  if (typeof subject !== 'string' || subject.length === 0)
    throw new TypeError(`email('${taskId}') needs a non-empty subject`);
  if (typeof body !== 'string') throw new TypeError(`email('${taskId}') needs a body`);
  const recipients = to === undefined ? [] : [to].flat();
  if (recipients.some((r) => typeof r !== 'string' || r.length === 0))
    throw new TypeError(`email('${taskId}'): to must be an address or a list of addresses`);
  return currentDag('email').addTask(
    taskId,
    'email',
    { to: recipients, subject, body, channel: channel ?? null },
    args,
    undefined,
    ['to', 'subject', 'body'],
  );
}

export interface SlackOptions extends TaskArgs {
  /** Message text (Slack mrkdwn). Templated. */
  text: string;
  /**
   * The tenant's Slack notification channel to post through, or a Slack conversation such as
   * `'#data'` (starting with `#`), posted to through the tenant's default Slack channel's bot token.
   * The default Slack channel as configured when omitted.
   */
  channel?: string;
}

/** A task that posts one message to Slack through one of the tenant's Slack notification channels. */
export function slack(taskId: string, options: SlackOptions): Task {
  const { text, channel, ...args } = options ?? ({} as SlackOptions);
  if (typeof text !== 'string' || text.length === 0) throw new TypeError(`slack('${taskId}') needs a non-empty text`);
  const conversation = channel?.startsWith('#') ? channel : null;
  return currentDag('slack').addTask(
    taskId,
    'slack',
    { text, channel: conversation ? null : (channel ?? null), slackChannel: conversation },
    args,
    undefined,
    ['text'],
  );
}
