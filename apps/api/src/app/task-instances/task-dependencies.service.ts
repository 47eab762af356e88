import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { TaskDependencies } from '@updraft/api-types';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { DEFAULT_POOL, explainDependencies } from '@updraft/domain';
import { DagRunRepository, TaskInstanceEntity, TaskInstanceRepository, TaskTryRepository } from '@updraft/persistence';

/** Why a task instance is not running yet: the domain's named checks, fed what the database says now. */
@Injectable()
export class TaskDependenciesService {
  constructor(
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly tries: TaskTryRepository,
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
  ) {}

  async explain(tenantId: string, ti: TaskInstanceEntity): Promise<TaskDependencies> {
    const loaded = await this.runs.forEvaluation(tenantId, ti.dagRunId);
    const task = loaded?.serialized.tasks.find((t) => t.taskId === ti.taskId);
    if (!loaded || !task) throw new NotFoundException(`task '${ti.taskId}' is not in the DAG version its run pinned`);
    const [upstream, room] = await Promise.all([
      task.upstream.length > 0 ? this.taskInstances.ofTasks(tenantId, ti.dagRunId, task.upstream) : Promise.resolve([]),
      this.tries.waitingRoom(tenantId, ti.pool, loaded.run.dagId),
    ]);
    const dependencies = explainDependencies({
      now: new Date(),
      runState: loaded.run.state,
      state: ti.state,
      triggerRule: task.triggerRule,
      upstream: upstream.map((u) => ({
        taskId: u.mapIndex < 0 ? u.taskId : `${u.taskId}[${u.mapIndex}]`,
        state: u.state,
      })),
      nextTryAt: ti.nextTryAt,
      pool: {
        name: ti.pool,
        needs: ti.poolSlots,
        inUse: room.poolInUse,
        total: room.poolTotal ?? (ti.pool === DEFAULT_POOL ? this.config.defaultPoolSlots : 0),
      },
      tenant: { inUse: room.tenantInFlight, total: room.tenantLimit ?? this.config.tenantMaxRunningTasks },
      dag: { inUse: room.dagInFlight, total: loaded.serialized.maxActiveTasks },
    });
    return { taskId: ti.taskId, mapIndex: ti.mapIndex, state: ti.state, dependencies };
  }
}
