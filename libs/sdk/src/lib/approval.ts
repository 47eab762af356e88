import { currentDag, Task } from './dag';
import { Duration, parseDuration } from './duration';
import { ParamSpec, TaskArgs } from './types';

/** What happens when nobody answers in time: fail the task, skip it, or take one of the options as the answer. */
export type ApprovalTimeoutAction = 'fail' | 'skip' | (string & {});

export interface ApprovalOptions extends TaskArgs {
  /** The question's title (the mail's subject, the Slack message's bold line). Templated. */
  subject: string;
  /** What the person should know to answer (plain text). Templated. */
  body?: string;
  /** The answers offered, one button each (default `['approve', 'reject']`). Letters, digits, `_` and `-`. */
  options?: string[];
  /** Fields the person fills in with their answer (declared like DAG params); their values join the XCom. */
  form?: Record<string, ParamSpec>;
  /**
   * Who may answer: email addresses of members, `role:<role>` (every member with that tenant role) or
   * `team:<name>` (every member of a team). Default: the tenant's owners and admins. Each must also
   * be allowed to edit the DAG's runs (`runs:edit`).
   */
  assignees?: string[];
  /** Notification channels (email, Slack) the question is sent through, with one-click answers; none: the console inbox, API and CLI only. */
  channels?: string[];
  /** How long to wait for an answer (default 1 day). */
  timeout?: Duration;
  /** On timeout: `'fail'` (default), `'skip'`, or one of `options` taken as the answer. */
  onTimeout?: ApprovalTimeoutAction;
}

/** The settings an approval stores as its `config`. */
export interface ApprovalSettings {
  subject: string;
  body: string;
  options: string[];
  form: Record<string, ParamSpec>;
  assignees: string[];
  channels: string[];
  timeoutMs: number;
  onTimeout: ApprovalTimeoutAction;
}

/** The XCom an approval step returns, for downstream tasks (and `branch`) to act on. */
export interface ApprovalAnswer {
  option: string;
  form: Record<string, unknown>;
  /** Who answered (null when the timeout chose the option). */
  answeredBy: string | null;
  /** `console`, `api`, `email`, `slack` or `timeout`. */
  via: string;
  answeredAt: string;
}

const OPTION_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ASSIGNEE_PATTERN =
  /^(role:(owner|admin|editor|viewer|member)|team:[A-Za-z0-9][A-Za-z0-9_.-]*|[^\s@<>]+@[^\s@<>]+)$/;

/**
 * A human-in-the-loop step: asks the assignees `subject` with `options`, waits (holding no worker or
 * pool slot) until one answers in the console, the API/CLI, an email link or a Slack button, and
 * returns the answer as its XCom (`{ option, form, answeredBy, via, answeredAt }`).
 */
export function approval(taskId: string, options: ApprovalOptions): Task<Record<string, never>, ApprovalAnswer> {
  const {
    subject,
    body = '',
    options: offered = ['approve', 'reject'],
    form = {},
    assignees = [],
    channels = [],
    timeout = '1d',
    onTimeout = 'fail',
    ...args
  } = options ?? ({} as ApprovalOptions);
  if (typeof subject !== 'string' || subject.length === 0)
    throw new TypeError(`approval('${taskId}') needs a non-empty subject`);
  if (typeof body !== 'string') throw new TypeError(`approval('${taskId}'): body must be text`);
  if (!Array.isArray(offered) || offered.length === 0 || offered.some((o) => !OPTION_PATTERN.test(String(o))))
    throw new TypeError(
      `approval('${taskId}'): options must be a non-empty list of names (letters, digits, _ and -), like ['approve', 'reject']`,
    );
  if (new Set(offered).size !== offered.length) throw new TypeError(`approval('${taskId}'): options must be distinct`);
  const badAssignee = assignees.find((a) => typeof a !== 'string' || !ASSIGNEE_PATTERN.test(a));
  if (badAssignee !== undefined)
    throw new TypeError(
      `approval('${taskId}'): assignee '${String(badAssignee)}' is not an email address, role:<role> or team:<name>`,
    );
  if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string' || c.length === 0))
    throw new TypeError(`approval('${taskId}'): channels must be a list of notification channel names`);
  if (onTimeout !== 'fail' && onTimeout !== 'skip' && !offered.includes(onTimeout))
    throw new TypeError(
      `approval('${taskId}'): onTimeout must be 'fail', 'skip' or one of the options (${offered.join(', ')})`,
    );
  const settings: ApprovalSettings = {
    subject,
    body,
    options: offered,
    form,
    assignees,
    channels,
    timeoutMs: parseDuration(timeout),
    onTimeout,
  };
  return currentDag('approval').addTask(
    taskId,
    'approval',
    settings as unknown as Record<string, unknown>,
    args,
    undefined,
    ['subject', 'body'],
  ) as Task<Record<string, never>, ApprovalAnswer>;
}
