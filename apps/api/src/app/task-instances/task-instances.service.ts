import { Injectable } from '@nestjs/common';
import type {
  MarkPreview,
  TaskDependencies,
  TaskInstance,
  TaskInstancePage,
  TaskLog,
  TaskLogLine,
  TaskTry,
  TaskTryList,
  XComEntryList,
} from '@updraft/api-types';
import { MAX_LOG_PAGE_LINES, type TaskState } from '@updraft/domain';
import {
  LogLine,
  TaskInstanceEntity,
  TaskInstanceRepository,
  TaskLogRepository,
  TaskTryEntity,
  TaskTryRepository,
  XComRepository,
} from '@updraft/persistence';
import { eventText } from '../../services/http/event-stream';
import type { PaginationQuery } from '../../services/http/pagination.dto';
import { isoOrNull } from '../dag-runs/dag-run.view';
import { DagRunsService } from '../dag-runs/dag-runs.service';
import { TaskDependenciesService } from './task-dependencies.service';
import type { TaskLogQuery } from './task-log.dto';
import { TaskInstanceException } from './task-instances.exception';

/** A task instance as the routes name it: its run's DAG and run id, its task id and map index (-1: unmapped). */
export interface TaskInstanceRef {
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
}

const LIVE_STATES: TaskState[] = ['none', 'scheduled', 'queued', 'running'];
const LOG_STREAM_POLL_MS = 300;
/** Lines read and written at once: a 100,000-line log is ten queries and ten writes. */
const LOG_STREAM_BATCH = MAX_LOG_PAGE_LINES;
const STALE_HEARTBEAT_MS = 15_000;

function toLogLine(line: LogLine): TaskLogLine {
  return { timestamp: line.timestamp.toISOString(), stream: line.stream, message: line.message };
}

function toTryView(t: TaskTryEntity): TaskTry {
  return {
    tryNumber: t.tryNumber,
    state: t.state,
    hostname: t.hostname,
    startDate: t.startDate.toISOString(),
    endDate: isoOrNull(t.endDate),
    durationMs: t.endDate ? t.endDate.getTime() - t.startDate.getTime() : null,
    exitReason: t.exitReason,
  };
}

function toTaskInstanceView(ti: TaskInstanceEntity, error: string | null = null): TaskInstance {
  return {
    taskId: ti.taskId,
    mapIndex: ti.mapIndex,
    operator: ti.operator,
    state: ti.state,
    tryNumber: ti.tryNumber,
    maxTries: ti.maxTries,
    queuedAt: isoOrNull(ti.queuedAt),
    startDate: isoOrNull(ti.startDate),
    endDate: isoOrNull(ti.endDate),
    durationMs: ti.startDate && ti.endDate ? ti.endDate.getTime() - ti.startDate.getTime() : null,
    hostname: ti.hostname,
    error,
  };
}

/** A run's task instances: their views, tries, logs (paged or followed), XCom, dependencies and marks. */
@Injectable()
export class TaskInstancesService {
  constructor(
    private readonly runs: DagRunsService,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly logs: TaskLogRepository,
    private readonly xcoms: XComRepository,
    private readonly tries: TaskTryRepository,
    private readonly dependencies: TaskDependenciesService,
  ) {}

  async list(tenantId: string, dagId: string, runId: string, page: PaginationQuery): Promise<TaskInstancePage> {
    const run = await this.runs.get(tenantId, dagId, runId);
    const [result, errors] = await Promise.all([
      this.taskInstances.listForRun(tenantId, run.id, page),
      this.tries.lastErrors(tenantId, run.id),
    ]);
    return { ...result, items: result.items.map((ti) => toTaskInstanceView(ti, errors.get(ti.id) ?? null)) };
  }

  /** With its last failed try's exit reason as `error`. */
  async get(tenantId: string, ref: TaskInstanceRef): Promise<TaskInstance> {
    const ti = await this.find(tenantId, ref);
    return toTaskInstanceView(ti, (await this.tries.lastErrors(tenantId, ti.dagRunId)).get(ti.id) ?? null);
  }

  async triesOf(tenantId: string, ref: TaskInstanceRef): Promise<TaskTryList> {
    const ti = await this.find(tenantId, ref);
    return { items: (await this.tries.list(tenantId, ti.id)).map(toTryView) };
  }

  async dependenciesOf(tenantId: string, ref: TaskInstanceRef): Promise<TaskDependencies> {
    return this.dependencies.explain(tenantId, await this.find(tenantId, ref));
  }

  async logsOf(tenantId: string, ref: TaskInstanceRef, tryNumber: number, query: TaskLogQuery): Promise<TaskLog> {
    const ti = await this.findTry(tenantId, ref, tryNumber);
    const [page, truncated] = await Promise.all([
      this.logs.page(tenantId, ti.id, tryNumber, query.after, query.limit),
      this.logs.truncated(tenantId, ti.id, tryNumber),
    ]);
    return { taskId: ref.taskId, tryNumber, lines: page.lines.map(toLogLine), next: page.next, truncated };
  }

  /**
   * The try's log as event text, a batch of lines per chunk: every stored line, then new lines as the
   * worker writes them, and one `end` event once the try is over (or until `isClosed`).
   */
  async streamLogs(
    tenantId: string,
    ref: TaskInstanceRef,
    tryNumber: number,
  ): Promise<(isClosed: () => boolean) => AsyncIterable<string>> {
    const ti = await this.findTry(tenantId, ref, tryNumber);
    const taskId = ref.taskId;
    const logs = this.logs;
    const taskInstances = this.taskInstances;
    return async function* follow(isClosed) {
      let afterId = '0';
      while (!isClosed()) {
        const lines = await logs.read(tenantId, ti.id, tryNumber, afterId, LOG_STREAM_BATCH);
        if (lines.length > 0) {
          yield lines.map((line) => eventText(toLogLine(line))).join('');
          afterId = lines[lines.length - 1].id;
          continue;
        }
        const current = await taskInstances.find(tenantId, ti.dagRunId, taskId, ti.mapIndex);
        // The worker stores a try's last lines before it ends the try, so nothing follows that. A try
        // cancelled by hand whose worker is gone ends when its heartbeat has gone stale.
        const tryOver =
          !current ||
          current.tryNumber > tryNumber ||
          (await taskInstances.tryEnded(tenantId, ti.id, tryNumber)) ||
          (!LIVE_STATES.includes(current.state) &&
            Date.now() - (current.heartbeatAt?.getTime() ?? 0) > STALE_HEARTBEAT_MS);
        if (tryOver) {
          yield eventText({ state: current?.tryNumber === tryNumber ? current.state : 'finished' }, 'end');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, LOG_STREAM_POLL_MS));
      }
    };
  }

  /** Every instance's entries: a mapped task has one per map index. */
  async xcomEntries(tenantId: string, dagId: string, runId: string, taskId: string): Promise<XComEntryList> {
    const run = await this.runs.get(tenantId, dagId, runId);
    if ((await this.taskInstances.ofTasks(tenantId, run.id, [taskId])).length === 0)
      throw new TaskInstanceException('taskNotFound', `task '${taskId}' not found in run '${runId}'`);
    return { items: await this.xcoms.list(tenantId, run.id, taskId) };
  }

  async mark(
    tenantId: string,
    ref: TaskInstanceRef,
    state: 'success' | 'failed',
    dryRun?: boolean,
  ): Promise<TaskInstance | MarkPreview> {
    const { dagId, runId, taskId, mapIndex } = ref;
    if (dryRun) return this.runs.previewMarkTask(tenantId, dagId, runId, taskId, state, mapIndex);
    await this.runs.markTask(tenantId, dagId, runId, taskId, state, mapIndex);
    return toTaskInstanceView(await this.find(tenantId, ref));
  }

  private async findTry(tenantId: string, ref: TaskInstanceRef, tryNumber: number): Promise<TaskInstanceEntity> {
    const ti = await this.find(tenantId, ref);
    if (tryNumber < 1 || tryNumber > Math.max(ti.tryNumber, 1))
      throw new TaskInstanceException('tryNotFound', `task '${ref.taskId}' has no try ${tryNumber}`);
    return ti;
  }

  private async find(
    tenantId: string,
    { dagId, runId, taskId, mapIndex }: TaskInstanceRef,
  ): Promise<TaskInstanceEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    const ti = await this.taskInstances.find(tenantId, run.id, taskId, mapIndex);
    if (!ti)
      throw new TaskInstanceException(
        'taskNotFound',
        mapIndex < 0
          ? `task '${taskId}' not found in run '${runId}' (a mapped task's instances are named by ?mapIndex=)`
          : `task '${taskId}' has no instance with map index ${mapIndex} in run '${runId}'`,
      );
    return ti;
  }
}
