import { bash, dag, task } from '@updraft/sdk';

// A nightly settlement whose lateness or failure is an incident, not just an alert:
// - a missed deadline (or a task's SLA) opens an incident; the nights after join it until it is resolved;
// - critical: true: a failed run opens one too (severity critical);
// - nobody acknowledges within 15 minutes: the pager channel is told, once;
// - the next run that succeeds resolves it by itself.
export default dag(
  'nightly_settlement',
  {
    schedule: '0 1 * * *',
    startDate: '2024-01-01',
    deadline: '2h',
    critical: true,
    incidents: {
      severity: 'critical',
      channels: ['ops-mail', 'ops-slack'],
      escalateAfter: '15m',
      escalateTo: ['pager-slack'],
      responders: ['oncall@example.com'],
    },
    defaultArgs: { retries: 1, retryDelay: '5m' },
  },
  () => {
    const fetch = bash('fetch_settlements', { command: 'echo fetching settlements for {{ ds }}', sla: '30m' });
    const book = task('book', async () => ({ booked: 1280 }));
    fetch.then(book);
  },
);
