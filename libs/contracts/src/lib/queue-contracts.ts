/** The Bull queues and jobs the api, scheduler and worker share, and each job's payload (what crosses Redis). */
export const QUEUES = {
  /** Run evaluation and the periodic sweep (apps/scheduler). */
  scheduler: 'scheduler',
  /** Task instances to execute (apps/worker). */
  tasks: 'tasks',
  /** Uploaded bundle versions to parse (apps/worker). */
  bundles: 'bundles',
  /** Notifications to deliver to a channel, retried with backoff (apps/worker). */
  notifications: 'notifications',
} as const;

export const JOBS = {
  evaluateRun: 'evaluate-run',
  sweep: 'sweep',
  createScheduledRuns: 'create-scheduled-runs',
  runTask: 'run-task',
  parseBundle: 'parse-bundle',
  checkSlas: 'check-slas',
  cleanRetention: 'clean-retention',
  deliverNotification: 'deliver-notification',
  deliverAccountMail: 'deliver-account-mail',
} as const;

export interface EvaluateRunJobData {
  tenantId: string;
  dagRunId: string;
  /** The task whose try just ended: only what lies downstream of it is looked at. Absent: the whole run. */
  finishedTaskId?: string;
}

/** A task instance as queues and workers name it. */
export interface TaskInstanceRef {
  tenantId: string;
  taskInstanceId: string;
}

export type RunTaskJobData = TaskInstanceRef;

export interface ParseBundleJobData {
  tenantId: string;
  bundleVersionId: string;
}

export interface NotificationMessage {
  subject: string;
  text: string;
  /** A link the message points to (the run in the console). */
  link?: string;
  /** Answers offered with the message: email shows each as a link (`url`), Slack as a button (`actionId`, `value`). */
  actions?: NotificationAction[];
}

/** One answer a message offers (an approval's option, an incident's acknowledge). */
export interface NotificationAction {
  label: string;
  /** The signed action link (email). */
  url?: string;
  /** Slack's `action_id` and `value` of the button (answered through the Slack interactivity endpoint). */
  actionId?: string;
  value?: string;
}

export interface DeliverNotificationJobData {
  tenantId: string;
  channelId: string;
  /** What this notification is about, e.g. `sla-miss:<id>`: the same key is never delivered twice to one channel. */
  key: string;
  kind:
    | 'sla_miss'
    | 'deadline_miss'
    | 'on_failure'
    | 'on_retry'
    | 'on_success'
    | 'incident'
    | 'incident_escalation'
    | 'approval_request';
  message: NotificationMessage;
  /** Email only: these addresses instead of the channel's own (a message with one person's own links). */
  to?: string[];
}

/** A verification, password-reset or invitation mail; its delivery state is kept on the token row. */
export interface DeliverAccountMailJobData {
  oneTimeTokenId: string;
  to: string;
  subject: string;
  /** Holds the link with the token: the only copy, since the database keeps only its hash. */
  text: string;
}
