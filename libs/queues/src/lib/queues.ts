import type { TaskInstanceRef } from '@updraft/persistence';

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
  deliverNotification: 'deliver-notification',
  deliverAccountMail: 'deliver-account-mail',
} as const;

export interface EvaluateRunJobData {
  tenantId: string;
  dagRunId: string;
  /** The task whose try just ended: only what lies downstream of it is looked at. Absent: the whole run. */
  finishedTaskId?: string;
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
}

export interface DeliverNotificationJobData {
  tenantId: string;
  channelId: string;
  /** What this notification is about, e.g. `sla-miss:<id>`: the same key is never delivered twice to one channel. */
  key: string;
  kind: 'sla_miss' | 'deadline_miss' | 'on_failure' | 'on_retry' | 'on_success';
  message: NotificationMessage;
}

/** A verification, password-reset or invitation mail; its delivery state is kept on the token row. */
export interface DeliverAccountMailJobData {
  oneTimeTokenId: string;
  to: string;
  subject: string;
  /** Holds the link with the token: the only copy, since the database keeps only its hash. */
  text: string;
}

/** Retried with exponential backoff (NOTIFICATION_ATTEMPTS, NOTIFICATION_BACKOFF_MS): a failing Slack or SMTP server delays a notification but loses none. */
export function notificationJobOptions(attempts: number, backoffMs: number) {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: true,
    removeOnFail: 1000,
  } as const;
}

/** Jobs are hints: Postgres holds the truth, so finished jobs are not kept in Redis. */
export const DEFAULT_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000, attempts: 1 } as const;
