import { deriveRunState, makeRunId, mostUrgentState, TaskState } from './states';

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
  it('follows Airflow', () =>
    expect(makeRunId('manual', new Date('2024-01-01T00:00:00Z'))).toBe('manual__2024-01-01T00:00:00.000+00:00'));
});

describe('mostUrgentState', () => {
  it('shows what still needs attention before how things ended', () => {
    expect(mostUrgentState(['success', 'failed', 'running'])).toBe('running');
    expect(mostUrgentState(['success', 'failed', 'skipped'])).toBe('failed');
    expect(mostUrgentState(['success', 'skipped'])).toBe('success');
    expect(mostUrgentState([])).toBeNull();
  });
});
