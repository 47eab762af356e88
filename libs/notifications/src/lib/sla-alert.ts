import type { SlaMissForAlert } from '@updraft/persistence';
import type { NotificationMessage } from '@updraft/queues';

/** `3.2 s`, `4 min 10 s`, `2 h 5 min`: how late, in words a person reads at a glance. */
export function formatLateness(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The run's page in the console. */
export function runLink(publicUrl: string, tenantSlug: string, dagId: string, runId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/dags/${encodeURIComponent(dagId)}?tenant=${encodeURIComponent(tenantSlug)}&run=${encodeURIComponent(runId)}`;
}

const TASK_STATE_WORDS: Record<string, string> = {
  none: 'not started (waiting for its upstream tasks)',
  scheduled: 'not started (scheduled)',
  queued: 'queued, not yet running',
  running: 'running',
  up_for_retry: 'waiting to retry',
  up_for_reschedule: 'waiting to be poked again',
  awaiting_input: 'waiting for someone to answer',
};

/** What an SLA or deadline alert says: what missed, by how much, and where to look. */
export function slaMissMessage(alert: SlaMissForAlert, publicUrl: string): NotificationMessage {
  const { miss } = alert;
  const lateMs = (miss.finishedAt ?? miss.detectedAt).getTime() - miss.expectedAt.getTime();
  const late = formatLateness(lateMs);
  const what = miss.taskId ? `Task ${miss.taskId} of DAG ${miss.dagId}` : `DAG ${miss.dagId}`;
  const target = miss.taskId ? 'SLA' : 'deadline';
  const status = miss.finishedAt
    ? `It finished ${late} late, at ${miss.finishedAt.toISOString()}.`
    : `It was still ${miss.taskId ? (TASK_STATE_WORDS[alert.taskState ?? 'none'] ?? alert.taskState) : alert.runState} ${late} after it was due.`;
  const from = alert.runType === 'scheduled' ? 'the end of its data interval' : 'when the run was queued';
  return {
    subject: `[Updraft] ${miss.taskId ? `SLA missed: ${miss.dagId}.${miss.taskId}` : `Deadline missed: ${miss.dagId}`} by ${late}`,
    text: [
      `${what} missed its ${target} in run ${alert.runId} by ${late}.`,
      `Expected by ${miss.expectedAt.toISOString()} (counted from ${from}); detected at ${miss.detectedAt.toISOString()}.`,
      status,
    ].join('\n'),
    link: runLink(publicUrl, alert.tenantSlug, miss.dagId, alert.runId),
  };
}
