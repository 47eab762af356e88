export { JOBS, QUEUES } from '@updraft/contracts';
export type {
  DeliverAccountMailJobData,
  DeliverNotificationJobData,
  EvaluateRunJobData,
  NotificationMessage,
  ParseBundleJobData,
  RunTaskJobData,
} from '@updraft/contracts';

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
