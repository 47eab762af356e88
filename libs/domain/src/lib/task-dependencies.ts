import type { TriggerRule } from '@updraft/sdk';
import { RunState, TaskState } from './states';
import { evaluateTriggerRule } from './trigger-rules';

/** Slots taken and available, for a pool, a tenant's limit or a DAG's maxActiveTasks. */
export interface SlotUsage {
  inUse: number;
  total: number;
}

/** What is known about one task instance when asking why it is not running. */
export interface DependencyContext {
  now: Date;
  runState: RunState;
  state: TaskState;
  triggerRule: TriggerRule;
  upstream: readonly { taskId: string; state: TaskState }[];
  /** When a task up for retry or rescheduled may be tried again. */
  nextTryAt: Date | null;
  pool: SlotUsage & { name: string; needs: number };
  tenant: SlotUsage;
  dag: SlotUsage;
}

export interface DependencyStatus {
  name: string;
  met: boolean;
  reason: string;
}

/** One reason a task instance may not run yet, able to say why (Airflow's ti_deps). */
export interface TaskDependency {
  name: string;
  check(context: DependencyContext): { met: boolean; reason: string };
}

const WAITING_STATES: readonly TaskState[] = [
  'none',
  'scheduled',
  'up_for_retry',
  'up_for_reschedule',
  'awaiting_input',
];
const IN_FLIGHT: readonly TaskState[] = ['queued', 'running'];

const runIsActive: TaskDependency = {
  name: 'run_active',
  check: ({ runState }) =>
    runState === 'running'
      ? { met: true, reason: 'the run is running' }
      : runState === 'queued'
        ? {
            met: false,
            reason: 'the run is queued: it starts when the DAG has fewer runs going than its maxActiveRuns',
          }
        : { met: false, reason: `the run has ended (${runState})` },
};

const taskIsWaiting: TaskDependency = {
  name: 'task_state',
  check: ({ state }) =>
    WAITING_STATES.includes(state)
      ? { met: true, reason: `the task instance is ${state}` }
      : IN_FLIGHT.includes(state)
        ? {
            met: true,
            reason: state === 'running' ? 'the task instance is running' : 'the task instance is queued for a worker',
          }
        : { met: false, reason: `the task instance has finished (${state}); clear it to run it again` },
};

const triggerRuleMet: TaskDependency = {
  name: 'trigger_rule',
  check: ({ triggerRule, upstream }) => {
    const decision = evaluateTriggerRule(
      triggerRule,
      upstream.map((u) => u.state),
    );
    if (upstream.length === 0) return { met: true, reason: 'no upstream tasks' };
    if (decision === 'run') return { met: true, reason: `trigger rule ${triggerRule} is met` };
    const pending = upstream.filter(
      (u) => !['success', 'failed', 'skipped', 'upstream_failed', 'removed'].includes(u.state),
    );
    const listed = (tasks: readonly { taskId: string; state: TaskState }[]) =>
      tasks.map((u) => `${u.taskId} (${u.state})`).join(', ');
    if (decision === 'wait')
      return { met: false, reason: `trigger rule ${triggerRule}: waiting for ${listed(pending)}` };
    return {
      met: false,
      reason: `trigger rule ${triggerRule} cannot be met (upstream: ${listed(upstream)}): the task is ${decision === 'skip' ? 'skipped' : 'upstream_failed'}`,
    };
  },
};

const notBeforeNextTry = (name: string, state: TaskState, waiting: string, over: string): TaskDependency => ({
  name,
  check: ({ state: current, nextTryAt, now }) =>
    current === state && nextTryAt && nextTryAt > now
      ? { met: false, reason: `${waiting} until ${nextTryAt.toISOString()}` }
      : { met: true, reason: current === state ? over : `not ${state}` },
});

const slotsFree = (
  name: string,
  describe: (c: DependencyContext) => { usage: SlotUsage; needs: number; what: string },
): TaskDependency => ({
  name,
  check: (context) => {
    const { usage, needs, what } = describe(context);
    const summary = `${usage.inUse} of ${usage.total} in use`;
    // A task already holding its slot counts among those in use.
    if (IN_FLIGHT.includes(context.state) || usage.inUse + needs <= usage.total)
      return { met: true, reason: `${what}: ${summary}` };
    return { met: false, reason: `${what} is full: ${summary}` };
  },
});

export const TASK_DEPENDENCIES: readonly TaskDependency[] = [
  runIsActive,
  taskIsWaiting,
  triggerRuleMet,
  notBeforeNextTry('retry_period', 'up_for_retry', 'waiting for retry', 'the retry delay is over'),
  notBeforeNextTry('reschedule_period', 'up_for_reschedule', 'sensor rescheduled', 'the sensor is due to check again'),
  notBeforeNextTry(
    'awaiting_answer',
    'awaiting_input',
    'waiting for an answer (approval) or its timeout',
    'answered or timed out',
  ),
  slotsFree('pool_slots', (c) => ({ usage: c.pool, needs: c.pool.needs, what: `pool '${c.pool.name}'` })),
  slotsFree('tenant_limit', (c) => ({ usage: c.tenant, needs: 1, what: "the tenant's running-task limit" })),
  slotsFree('dag_max_active_tasks', (c) => ({ usage: c.dag, needs: 1, what: "the DAG's maxActiveTasks" })),
];

/** Every dependency's answer for one task instance; the unmet ones are why it is not running. */
export function explainDependencies(context: DependencyContext): DependencyStatus[] {
  return TASK_DEPENDENCIES.map((dependency) => ({ name: dependency.name, ...dependency.check(context) }));
}
