import { deriveRunState, makeRunId, TaskState } from './states';

describe('deriveRunState', () => {
  it.each<[TaskState[], string]>([
    [['none', 'none'], 'queued'],
    [['queued', 'none'], 'running'],
    [['success', 'running'], 'running'],
    [['success', 'skipped'], 'success'],
    [['success', 'failed'], 'failed'],
    [['failed', 'upstream_failed'], 'failed'],
    [['success', 'up_for_retry'], 'running'],
  ])('%j → %s', (states, expected) => expect(deriveRunState(states)).toBe(expected));
});

describe('makeRunId', () => {
  it('follows Airflow', () => expect(makeRunId('manual', new Date('2024-01-01T00:00:00Z'))).toBe('manual__2024-01-01T00:00:00.000+00:00'));
});
