import { Injectable } from '@nestjs/common';
import type {
  Asset,
  AssetEvent,
  AssetEventPage,
  AssetList,
  CreatedAssetEvent,
  QueuedAssetEventList,
} from '@updraft/api-types';
import { AssetEventRow, AssetOverview, AssetRepository, NewAssetEvent, QueuedAssetEvent } from '@updraft/persistence';
import { conditionMet, describeCondition } from '@updraft/sdk';
import type { AssetEventsQuery, CreateAssetEventDto, QueuedAssetEventsQuery } from './assets.dto';
import { AssetException } from './assets.exception';

export function toAssetEventView(e: AssetEventRow): AssetEvent {
  return { ...e, createdAt: new Date(e.createdAt).toISOString() };
}

function toAssetView(a: AssetOverview, queued: QueuedAssetEvent[]): Asset {
  return {
    uri: a.uri,
    name: a.name,
    group: a.group,
    producers: a.producers,
    consumers: a.consumers.map((c) => {
      const queuedUris = [...new Set(queued.filter((q) => q.dagId === c.dagId).map((q) => q.uri))].sort();
      return {
        dagId: c.dagId,
        isPaused: c.isPaused,
        condition: describeCondition(c.condition),
        queuedUris,
        conditionMet: conditionMet(c.condition, new Set(queuedUris)),
      };
    }),
    eventCount: a.eventCount,
    lastEventAt: a.lastEventAt ? new Date(a.lastEventAt).toISOString() : null,
  };
}

/** A tenant's assets: what produces and consumes each, their events, and the events waiting for a consumer. */
@Injectable()
export class AssetsService {
  constructor(private readonly assets: AssetRepository) {}

  async list(tenantId: string): Promise<AssetList> {
    const [overview, queued] = await Promise.all([this.assets.overview(tenantId), this.assets.queued(tenantId)]);
    return { items: overview.map((a) => toAssetView(a, queued)) };
  }

  async events(tenantId: string, query: AssetEventsQuery): Promise<AssetEventPage> {
    const page = await this.assets.events(tenantId, query.uri, { limit: query.limit, offset: query.offset });
    return { ...page, items: page.items.map(toAssetEventView) };
  }

  async queued(tenantId: string, query: QueuedAssetEventsQuery): Promise<QueuedAssetEventList> {
    const items = await this.assets.queued(tenantId, query);
    return { items: items.map((q) => ({ ...q, createdAt: new Date(q.createdAt).toISOString() })) };
  }

  /** An event made by hand (Airflow's `POST /assets/events`), of an asset the tenant knows. */
  async create(tenantId: string, body: CreateAssetEventDto, createdBy: string): Promise<CreatedAssetEvent> {
    const known = await this.assets.find(tenantId, body.uri);
    if (!known)
      throw new AssetException(
        'assetNotFound',
        `asset '${body.uri}' not found: no DAG of this tenant names it and it has no events`,
      );
    const created = await this.record(tenantId, {
      asset: { uri: known.uri, name: known.name, group: known.group },
      sourceKind: 'api',
      createdBy,
      extra: body.extra ?? {},
    });
    if (!created) throw new Error('an event without a dedup key was not recorded');
    return created;
  }

  /** Records one event; a repeated dedup key records nothing and answers null. */
  async record(tenantId: string, event: NewAssetEvent): Promise<CreatedAssetEvent | null> {
    const [recorded] = await this.assets.record(tenantId, [event]);
    if (!recorded) return null;
    const row = await this.assets.event(tenantId, recorded.id);
    return row ? { event: toAssetEventView(row), queuedFor: recorded.queuedFor } : null;
  }
}
