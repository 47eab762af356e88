import { bash, dag } from '@updraft/sdk';

// Manual only: authoring_tour triggers it with conf { day } and waits for it.
export default dag(
  'authoring_report',
  { schedule: null, params: { day: { type: 'string', default: 'today' } } },
  () => {
    bash('write_report', { command: 'echo "report for {{ params.day }} (triggered run {{ run_id }})"' });
  },
);
