import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Patch, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { TaskInstanceEntity, TaskInstanceRepository, TaskLogRepository, XComRepository } from '@updraft/persistence';
import type { TaskInstance, TaskLog, XComEntry } from '@updraft/api-types';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { isoOrNull } from '../dag-runs/dag-run.view';
import { MarkStateDto } from '../dag-runs/dag-runs.dto';
import { DagRunsService } from '../dag-runs/dag-runs.service';

function toTaskInstanceView(ti: TaskInstanceEntity): TaskInstance {
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
  };
}

@Controller('tenants/:tenant/dags/:dagId/dagRuns/:runId/taskInstances')
export class TaskInstancesController {
  constructor(
    private readonly runs: DagRunsService,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly logs: TaskLogRepository,
    private readonly xcoms: XComRepository,
  ) {}

  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  async list(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Query() page: PaginationQuery) {
    const run = await this.runs.get(tenant.id, dagId, runId);
    const result = await this.taskInstances.listForRun(tenant.id, run.id, page);
    return { ...result, items: result.items.map(toTaskInstanceView) };
  }

  @Get(':taskId/logs/:try')
  @RequirePermission(PERMISSIONS.logsRead)
  async logsOf(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Param('taskId') taskId: string,
    @Param('try', ParseIntPipe) tryNumber: number,
  ): Promise<TaskLog> {
    const ti = await this.find(tenant.id, dagId, runId, taskId);
    if (tryNumber < 1 || tryNumber > Math.max(ti.tryNumber, 1)) throw new NotFoundException(`task '${taskId}' has no try ${tryNumber}`);
    const lines = await this.logs.read(tenant.id, ti.id, tryNumber);
    return { taskId, tryNumber, lines: lines.map((l) => ({ timestamp: l.timestamp.toISOString(), stream: l.stream, message: l.message })) };
  }

  @Get(':taskId/xcomEntries')
  @RequirePermission(PERMISSIONS.runsRead)
  async xcomEntries(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Param('taskId') taskId: string): Promise<{ items: XComEntry[] }> {
    const ti = await this.find(tenant.id, dagId, runId, taskId);
    return { items: await this.xcoms.list(tenant.id, ti.dagRunId, taskId) };
  }

  @Patch(':taskId')
  @RequirePermission(PERMISSIONS.runsEdit)
  async mark(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Param('taskId') taskId: string, @Body() body: MarkStateDto): Promise<TaskInstance> {
    await this.runs.markTask(tenant.id, dagId, runId, taskId, body.state);
    return toTaskInstanceView(await this.find(tenant.id, dagId, runId, taskId));
  }

  private async find(tenantId: string, dagId: string, runId: string, taskId: string): Promise<TaskInstanceEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    const ti = await this.taskInstances.find(tenantId, run.id, taskId);
    if (!ti) throw new NotFoundException(`task '${taskId}' not found in run '${runId}'`);
    return ti;
  }
}
