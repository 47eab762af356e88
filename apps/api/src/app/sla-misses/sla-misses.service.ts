import { Injectable } from '@nestjs/common';
import type { SlaMiss, SlaMissPage } from '@updraft/api-types';
import { slaMissNotificationKey } from '@updraft/notifications';
import { SlaMissEntity, SlaMissRepository } from '@updraft/persistence';
import type { ListSlaMissesQuery } from './sla-misses.dto';

function toView(miss: SlaMissEntity & { runId: string }): SlaMiss {
  return {
    id: miss.id,
    notificationKey: slaMissNotificationKey(miss.id),
    dagId: miss.dagId,
    runId: miss.runId,
    taskId: miss.taskId,
    kind: miss.taskId ? 'sla' : 'deadline',
    expectedAt: miss.expectedAt.toISOString(),
    detectedAt: miss.detectedAt.toISOString(),
    finishedAt: miss.finishedAt?.toISOString() ?? null,
    notifiedAt: miss.notifiedAt?.toISOString() ?? null,
    lateByMs: (miss.finishedAt ?? miss.detectedAt).getTime() - miss.expectedAt.getTime(),
  };
}

/** Task SLA and DAG deadline misses as the API shows them. */
@Injectable()
export class SlaMissesService {
  constructor(private readonly misses: SlaMissRepository) {}

  async list(tenantId: string, query: ListSlaMissesQuery): Promise<SlaMissPage> {
    const result = await this.misses.list(
      tenantId,
      { limit: query.limit, offset: query.offset },
      {
        dagId: query.dagId,
        dagRunId: query.runId,
        taskId: query.taskId,
        kind: query.kind,
        from: query.from,
        to: query.to,
      },
    );
    return { ...result, items: result.items.map(toView) };
  }
}
