import { DependencyContext, explainDependencies } from './task-dependencies';

const NOW = new Date('2024-05-01T12:00:00Z');

function context(change: Partial<DependencyContext> = {}): DependencyContext {
  return {
    now: NOW,
    runState: 'running',
    state: 'none',
    triggerRule: 'all_success',
    upstream: [],
    nextTryAt: null,
    pool: { name: 'default_pool', needs: 1, inUse: 0, total: 128 },
    tenant: { inUse: 0, total: 24 },
    dag: { inUse: 0, total: 16 },
    ...change,
  };
}

const unmet = (c: DependencyContext) =>
  explainDependencies(c)
    .filter((d) => !d.met)
    .map((d) => `${d.name}: ${d.reason}`);

describe('why a task instance is not running', () => {
  it('has nothing unmet for a ready task with room everywhere', () => {
    expect(unmet(context())).toEqual([]);
  });

  it('names the upstream tasks an unmet trigger rule waits for, with their states', () => {
    expect(
      unmet(
        context({
          upstream: [
            { taskId: 'extract', state: 'success' },
            { taskId: 'load', state: 'running' },
          ],
        }),
      ),
    ).toEqual(['trigger_rule: trigger rule all_success: waiting for load (running)']);
  });

  it('says when an upstream failure means the trigger rule can never be met', () => {
    expect(unmet(context({ upstream: [{ taskId: 'extract', state: 'failed' }] }))).toEqual([
      'trigger_rule: trigger rule all_success cannot be met (upstream: extract (failed)): the task is upstream_failed',
    ]);
  });

  it('tells a full pool, a full tenant limit and a full maxActiveTasks apart', () => {
    expect(
      unmet(
        context({
          state: 'scheduled',
          pool: { name: 'db', needs: 2, inUse: 3, total: 4 },
          tenant: { inUse: 24, total: 24 },
          dag: { inUse: 16, total: 16 },
        }),
      ),
    ).toEqual([
      "pool_slots: pool 'db' is full: 3 of 4 in use",
      "tenant_limit: the tenant's running-task limit is full: 24 of 24 in use",
      "dag_max_active_tasks: the DAG's maxActiveTasks is full: 16 of 16 in use",
    ]);
  });

  it('does not call a pool full for a task that already holds its slot', () => {
    expect(unmet(context({ state: 'running', pool: { name: 'db', needs: 1, inUse: 4, total: 4 } }))).toEqual([]);
  });

  it('gives the time a retry or a rescheduled sensor waits until', () => {
    const later = new Date('2024-05-01T12:05:00Z');
    expect(unmet(context({ state: 'up_for_retry', nextTryAt: later }))).toEqual([
      'retry_period: waiting for retry until 2024-05-01T12:05:00.000Z',
    ]);
    expect(unmet(context({ state: 'up_for_reschedule', nextTryAt: later }))).toEqual([
      'reschedule_period: sensor rescheduled until 2024-05-01T12:05:00.000Z',
    ]);
    expect(unmet(context({ state: 'up_for_retry', nextTryAt: new Date('2024-05-01T11:00:00Z') }))).toEqual([]);
  });

  it('says a queued run waits for maxActiveRuns and a finished task needs clearing', () => {
    expect(unmet(context({ runState: 'queued' }))).toEqual([
      'run_active: the run is queued: it starts when the DAG has fewer runs going than its maxActiveRuns',
    ]);
    expect(unmet(context({ state: 'success' }))).toEqual([
      'task_state: the task instance has finished (success); clear it to run it again',
    ]);
  });
});
