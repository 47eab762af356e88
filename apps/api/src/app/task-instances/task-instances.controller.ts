import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Patch, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { MarkPreview, TaskInstance } from '@updraft/api-types';
import type { TaskDependencies, TaskInstancePage, TaskLog, TaskTryList, XComEntryList } from '@updraft/api-types';
import type { Request, Response } from 'express';
import { ApiOneOfResponse } from '../../services/http/api-errors.decorator';
import { writeEventStream } from '../../services/http/event-stream';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { MarkStateDto } from '../dag-runs/dag-runs.dto';
import { TaskInstancesService } from './task-instances.service';
import { TaskLogQuery } from './task-log.dto';

/** `?mapIndex=`, read with a default, which Nest's explorer would declare required. */
const ApiMapIndex = () =>
  ApiQuery({
    name: 'mapIndex',
    required: false,
    type: Number,
    description: "A mapped task's instance; default -1, the task unmapped.",
  });

@Controller('tenants/:tenant/dags/:dagId/dagRuns/:runId/taskInstances')
export class TaskInstancesController {
  constructor(private readonly taskInstances: TaskInstancesService) {}

  /** List a run's task instances. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  list(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Query() page: PaginationQuery,
  ): Promise<TaskInstancePage> {
    return this.taskInstances.list(tenant.id, dagId, runId, page);
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
  get(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskInstance> {
    return this.taskInstances.get(tenant.id, { dagId, runId, taskId, mapIndex });
  }

  /** List every try of a task instance: host, start and end, state and exit reason. */
  @Get(':taskId/tries')
  @RequirePermission(PERMISSIONS.runsRead)
  @ApiMapIndex()
  triesOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskTryList> {
    return this.taskInstances.triesOf(tenant.id, { dagId, runId, taskId, mapIndex });
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
  dependenciesOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
  ): Promise<TaskDependencies> {
    return this.taskInstances.dependenciesOf(tenant.id, { dagId, runId, taskId, mapIndex });
  }

  /** Get a task try's log. */
  @Get(':taskId/logs/:try')
  @RequirePermission(PERMISSIONS.logsRead)
  logsOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Param('try', ParseIntPipe) tryNumber: number,
    @Query() query: TaskLogQuery,
  ): Promise<TaskLog> {
    return this.taskInstances.logsOf(tenant.id, { dagId, runId, taskId, mapIndex: query.mapIndex }, tryNumber, query);
  }

  /**
   * Follow a task try's log (Server-Sent Events).
   *
   * @remarks
   * The try's log as Server-Sent Events: every stored line (`message` events), then new lines as
   * the worker writes them, and one `end` event with the task's state once the try is over.
   */
  @Get(':taskId/logs/:try/stream')
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
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const events = await this.taskInstances.streamLogs(tenant.id, { dagId, runId, taskId, mapIndex }, tryNumber);
    return writeEventStream(request, response, events);
  }

  /** Get a task's XCom entries. */
  @Get(':taskId/xcomEntries')
  @RequirePermission(PERMISSIONS.runsRead)
  xcomEntries(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
  ): Promise<XComEntryList> {
    return this.taskInstances.xcomEntries(tenant.id, dagId, runId, taskId);
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
  mark(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Query('mapIndex', new DefaultValuePipe(-1), ParseIntPipe) mapIndex: number,
    @Body() body: MarkStateDto,
  ): Promise<TaskInstance | MarkPreview> {
    return this.taskInstances.mark(tenant.id, { dagId, runId, taskId, mapIndex }, body.state, body.dryRun);
  }
}
