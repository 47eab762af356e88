import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  MessageEvent,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Query,
  Sse,
} from '@nestjs/common';
import type { TaskState } from '@updraft/domain';
import { ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import {
  LogLine,
  TaskInstanceEntity,
  TaskInstanceRepository,
  TaskLogRepository,
  TaskTryEntity,
  TaskTryRepository,
  XComRepository,
} from '@updraft/persistence';
import { MarkPreview, TaskInstance } from '@updraft/api-types';
import type {
  TaskDependencies,
  TaskInstancePage,
  TaskLog,
  TaskLogLine,
  TaskTry,
  TaskTryList,
  XComEntryList,
} from '@updraft/api-types';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { isoOrNull } from '../dag-runs/dag-run.view';
import { MarkStateDto } from '../dag-runs/dag-runs.dto';
import { DagRunsService } from '../dag-runs/dag-runs.service';
import { TaskDependenciesService } from './task-dependencies.service';
import { TaskLogQuery } from './task-log.dto';
import { ApiOneOfResponse } from '../../services/http/api-errors.decorator';

/** `?mapIndex=`, read with a default, which Nest's explorer would declare required. */
const ApiMapIndex = () =>
  ApiQuery({
    name: 'mapIndex',
    required: false,
    type: Number,
    description: "A mapped task's instance; default -1, the task unmapped.",
  });

const LIVE_STATES: TaskState[] = ['none', 'scheduled', 'queued', 'running'];
const LOG_STREAM_POLL_MS = 300;
const LOG_STREAM_BATCH = 1_000;
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

@Controller('tenants/:tenant/dags/:dagId/dagRuns/:runId/taskInstances')
export class TaskInstancesController {
  constructor(
    private readonly runs: DagRunsService,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly logs: TaskLogRepository,
    private readonly xcoms: XComRepository,
    private readonly tries: TaskTryRepository,
    private readonly dependencies: TaskDependenciesService,
  ) {}

  /** List a run's task instances. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  async list(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Query() page: PaginationQuery,
  ): Promise<TaskInstancePage> {
    const run = await this.runs.get(tenant.id, dagId, runId);
    const [result, errors] = await Promise.all([
      this.taskInstances.listForRun(tenant.id, run.id, page),
      this.tries.lastErrors(tenant.id, run.id),
    ]);
    return { ...result, items: result.items.map((ti) => toTaskInstanceView(ti, errors.get(ti.id) ?? null)) };
  }

  /**
   * Get a task instance (a mapped task's by `?mapIndex=`).
   *
   * @remarks
   * With its last failed try's exit reason as `error`.
   */
  @Get(':taskId')
  @RequirePermission(PERMISSIONS.runsRead)
  @ApiMapIndex()
  async get(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskInstance> {
    const ti = await this.find(tenant.id, dagId, runId, taskId, mapIndex);
    return toTaskInstanceView(ti, (await this.tries.lastErrors(tenant.id, ti.dagRunId)).get(ti.id) ?? null);
  }

  /** List every try of a task instance: host, start and end, state and exit reason. */
  @Get(':taskId/tries')
  @RequirePermission(PERMISSIONS.runsRead)
  @ApiMapIndex()
  async triesOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskTryList> {
    const ti = await this.find(tenant.id, dagId, runId, taskId, mapIndex);
    return { items: (await this.tries.list(tenant.id, ti.id)).map(toTryView) };
  }

  /**
   * Why a task instance is not running yet.
   *
   * @remarks
   * Each named check (run, state, trigger rule, retry or reschedule wait, pool, tenant limit, maxActiveTasks), met or not, with its reason.
   */
  @Get(':taskId/dependencies')
  @RequirePermission(PERMISSIONS.runsRead)
  @ApiMapIndex()
  async dependenciesOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskDependencies> {
    return this.dependencies.explain(tenant.id, await this.find(tenant.id, dagId, runId, taskId, mapIndex));
  }

  /** Get a task try's log. */
  @Get(':taskId/logs/:try')
  @RequirePermission(PERMISSIONS.logsRead)
  async logsOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Param('try', ParseIntPipe) tryNumber: number,
    @Query() query: TaskLogQuery,
  ): Promise<TaskLog> {
    const ti = await this.findTry(tenant.id, dagId, runId, taskId, tryNumber, query.mapIndex);
    const [page, truncated] = await Promise.all([
      this.logs.page(tenant.id, ti.id, tryNumber, query.after, query.limit),
      this.logs.truncated(tenant.id, ti.id, tryNumber),
    ]);
    return { taskId, tryNumber, lines: page.lines.map(toLogLine), next: page.next, truncated };
  }

  /**
   * Follow a task try's log (Server-Sent Events).
   *
   * @remarks
   * The try's log as Server-Sent Events: every stored line (`message` events), then new lines as
   * the worker writes them, and one `end` event with the task's state once the try is over.
   */
  @Sse(':taskId/logs/:try/stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'A `text/event-stream`: `message` events whose `data` is a `TaskLogLine` as JSON ' +
      '(`{ "timestamp": ISO 8601, "stream": "stdout" | "stderr" | "system", "message": string }`), ' +
      'then, once the try is over, one `end` event whose `data` is `{ "state": <the task instance state> }`; the server then closes the stream.',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'data: {"timestamp":"2024-01-01T00:00:01.000Z","stream":"stdout","message":"fetching"}\n\n' +
          'event: end\ndata: {"state":"success"}\n\n',
      },
    },
  })
  @RequirePermission(PERMISSIONS.logsRead)
  @ApiMapIndex()
  async streamLogs(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Param('try', ParseIntPipe) tryNumber: number,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<Observable<MessageEvent>> {
    const ti = await this.findTry(tenant.id, dagId, runId, taskId, tryNumber, mapIndex);
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      const follow = async () => {
        let afterId = '0';
        while (!closed) {
          const lines = await this.logs.read(tenant.id, ti.id, tryNumber, afterId, LOG_STREAM_BATCH);
          for (const line of lines) subscriber.next({ data: toLogLine(line) } as MessageEvent);
          if (lines.length > 0) {
            afterId = lines[lines.length - 1].id;
            continue;
          }
          const current = await this.taskInstances.find(tenant.id, ti.dagRunId, taskId, ti.mapIndex);
          // The worker stores a try's last lines before it ends the try, so nothing follows that. A try
          // cancelled by hand whose worker is gone ends when its heartbeat has gone stale.
          const tryOver =
            !current ||
            current.tryNumber > tryNumber ||
            (await this.taskInstances.tryEnded(tenant.id, ti.id, tryNumber)) ||
            (!LIVE_STATES.includes(current.state) &&
              Date.now() - (current.heartbeatAt?.getTime() ?? 0) > STALE_HEARTBEAT_MS);
          if (tryOver) {
            subscriber.next({
              type: 'end',
              data: { state: current?.tryNumber === tryNumber ? current.state : 'finished' },
            } as MessageEvent);
            return subscriber.complete();
          }
          await new Promise((resolve) => setTimeout(resolve, LOG_STREAM_POLL_MS));
        }
      };
      follow().catch((error) => subscriber.error(error));
      return () => {
        closed = true;
      };
    });
  }

  /** Get a task's XCom entries. */
  @Get(':taskId/xcomEntries')
  @RequirePermission(PERMISSIONS.runsRead)
  async xcomEntries(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
  ): Promise<XComEntryList> {
    const run = await this.runs.get(tenant.id, dagId, runId);
    // Every instance's entries: a mapped task has one per map index.
    if ((await this.taskInstances.ofTasks(tenant.id, run.id, [taskId])).length === 0)
      throw new NotFoundException(`task '${taskId}' not found in run '${runId}'`);
    return { items: await this.xcoms.list(tenant.id, run.id, taskId) };
  }

  /**
   * Mark a task instance success or failed.
   *
   * @remarks
   * With `dryRun`, lists the task instances it would change instead.
   */
  @Patch(':taskId')
  @RequirePermission(PERMISSIONS.runsEdit)
  @ApiMapIndex()
  @ApiOneOfResponse(
    200,
    'The task instance after the mark, or (with `dryRun`) the task instances the mark would change.',
    TaskInstance,
    MarkPreview,
  )
  async mark(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
    @Body() body: MarkStateDto,
  ): Promise<TaskInstance | MarkPreview> {
    if (body.dryRun) return this.runs.previewMarkTask(tenant.id, dagId, runId, taskId, body.state, mapIndex);
    await this.runs.markTask(tenant.id, dagId, runId, taskId, body.state, mapIndex);
    return toTaskInstanceView(await this.find(tenant.id, dagId, runId, taskId, mapIndex));
  }

  private async findTry(
    tenantId: string,
    dagId: string,
    runId: string,
    taskId: string,
    tryNumber: number,
    mapIndex: number,
  ): Promise<TaskInstanceEntity> {
    const ti = await this.find(tenantId, dagId, runId, taskId, mapIndex);
    if (tryNumber < 1 || tryNumber > Math.max(ti.tryNumber, 1))
      throw new NotFoundException(`task '${taskId}' has no try ${tryNumber}`);
    return ti;
  }

  private async find(
    tenantId: string,
    dagId: string,
    runId: string,
    taskId: string,
    mapIndex = -1,
  ): Promise<TaskInstanceEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    const ti = await this.taskInstances.find(tenantId, run.id, taskId, mapIndex);
    if (!ti) {
      throw new NotFoundException(
        mapIndex < 0
          ? `task '${taskId}' not found in run '${runId}' (a mapped task's instances are named by ?mapIndex=)`
          : `task '${taskId}' has no instance with map index ${mapIndex} in run '${runId}'`,
      );
    }
    return ti;
  }
}
