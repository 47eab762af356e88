import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  assetsOfCondition,
  type SerializedAsset,
  type SerializedAssetCondition,
  type SerializedDag,
} from '@updraft/sdk';
import { DataSource, EntityManager } from 'typeorm';
import type { DagRunEntity } from '../entities/dag-run.entity';
import { insertDagRun, NewDagRun } from './dag-run.repository';
import { Page, PageRequest } from './page';

/** An asset event to record; `dedupKey` makes recording it again a no-op (a retried write, a replayed webhook). */
export interface NewAssetEvent {
  asset: SerializedAsset;
  sourceKind: 'task' | 'api' | 'webhook';
  sourceDagId?: string | null;
  sourceRunId?: string | null;
  sourceTaskId?: string | null;
  sourceMapIndex?: number | null;
  createdBy?: string | null;
  extra?: Record<string, unknown>;
  dedupKey?: string | null;
}

export interface AssetEventRow {
  id: string;
  uri: string;
  sourceKind: 'task' | 'api' | 'webhook';
  sourceDagId: string | null;
  sourceRunId: string | null;
  sourceTaskId: string | null;
  sourceMapIndex: number | null;
  createdBy: string | null;
  extra: Record<string, unknown>;
  createdAt: Date;
}

export interface RecordedAssetEvent {
  id: string;
  uri: string;
  /** The DAGs the event was queued for (their asset condition names the asset). */
  queuedFor: string[];
}

/** An asset with what produces it (tasks with it as an outlet) and what consumes it (DAGs scheduled on it). */
export interface AssetOverview {
  uri: string;
  name: string;
  group: string;
  producers: { dagId: string; taskId: string }[];
  consumers: { dagId: string; isPaused: boolean; condition: SerializedAssetCondition }[];
  lastEventAt: Date | null;
  eventCount: number;
}

export interface QueuedAssetEvent {
  dagId: string;
  uri: string;
  assetEventId: string;
  createdAt: Date;
}

/** A DAG with asset events waiting for its condition. */
export interface AssetConsumerDue {
  tenantId: string;
  dagId: string;
  dagVersionId: string;
  serialized: SerializedDag;
}

const EVENT_COLUMNS = `e.id::text AS id, a.uri, e.source_kind, e.source_dag_id, e.source_run_id, e.source_task_id,
  e.source_map_index, e.created_by, e.extra, e.created_at`;

function toEvent(row: Record<string, any>): AssetEventRow {
  return {
    id: row['id'],
    uri: row['uri'],
    sourceKind: row['source_kind'],
    sourceDagId: row['source_dag_id'],
    sourceRunId: row['source_run_id'],
    sourceTaskId: row['source_task_id'],
    sourceMapIndex: row['source_map_index'],
    createdBy: row['created_by'],
    extra: row['extra'],
    createdAt: row['created_at'],
  };
}

/** Whether a serialized condition names `uri` (jsonpath over any depth of all/any). */
const NAMES_URI = `jsonb_path_exists(v.serialized->'assetCondition', '$.** ? (@.uri == $u)', jsonb_build_object('u', a.uri))`;

/**
 * A tenant's assets and their events. An event is queued, in the statement that records it, for
 * each active, unpaused DAG whose asset condition names its asset; the run that consumes it
 * deletes its queue row in the transaction that creates the run, so each event triggers each
 * consumer at most once, however many schedulers look.
 */
@Injectable()
export class AssetRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records events (skipping any whose dedup key was seen) and queues them for the consumers; one statement. */
  async record(
    tenantId: string,
    events: NewAssetEvent[],
    tx: EntityManager = this.db.manager,
  ): Promise<RecordedAssetEvent[]> {
    if (events.length === 0) return [];
    const rows: Record<string, any>[] = await tx.query(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::jsonb[], $12::text[], $13::int[])
           AS i(uri, name, group_name, source_kind, source_dag_id, source_run_id, source_task_id, source_map_index, created_by, extra, dedup_key, ord)
       ), assets AS (
         INSERT INTO asset (tenant_id, uri, name, group_name)
         SELECT DISTINCT ON (uri) $1, uri, name, group_name FROM input ORDER BY uri, ord
         ON CONFLICT (tenant_id, uri) DO UPDATE SET uri = EXCLUDED.uri
         RETURNING id, uri
       ), events AS (
         INSERT INTO asset_event (tenant_id, asset_id, source_kind, source_dag_id, source_run_id, source_task_id, source_map_index, created_by, extra, dedup_key)
         SELECT $1, a.id, i.source_kind, i.source_dag_id, i.source_run_id, i.source_task_id, i.source_map_index, i.created_by, i.extra, i.dedup_key
           FROM input i JOIN assets a ON a.uri = i.uri ORDER BY i.ord
         ON CONFLICT (tenant_id, dedup_key) DO NOTHING
         RETURNING id, asset_id
       ), queued AS (
         INSERT INTO asset_event_queue (tenant_id, dag_id, asset_event_id, asset_uri)
         SELECT $1, d.dag_id, e.id, a.uri
           FROM events e JOIN assets a ON a.id = e.asset_id
           JOIN dag d ON d.tenant_id = $1 AND d.is_active AND NOT d.is_paused
           JOIN dag_version v ON v.id = d.current_version_id
          WHERE v.serialized ? 'assetCondition' AND ${NAMES_URI}
         RETURNING asset_event_id, dag_id
       )
       SELECT e.id::text AS id, a.uri,
              COALESCE((SELECT array_agg(q.dag_id ORDER BY q.dag_id) FROM queued q WHERE q.asset_event_id = e.id), '{}') AS queued_for
         FROM events e JOIN assets a ON a.id = e.asset_id ORDER BY e.id`,
      [
        tenantId,
        events.map((e) => e.asset.uri),
        events.map((e) => e.asset.name),
        events.map((e) => e.asset.group),
        events.map((e) => e.sourceKind),
        events.map((e) => e.sourceDagId ?? null),
        events.map((e) => e.sourceRunId ?? null),
        events.map((e) => e.sourceTaskId ?? null),
        events.map((e) => e.sourceMapIndex ?? null),
        events.map((e) => e.createdBy ?? null),
        events.map((e) => JSON.stringify(e.extra ?? {})),
        events.map((e) => e.dedupKey ?? null),
        events.map((_, i) => i),
      ],
    );
    return rows.map((row) => ({ id: row['id'], uri: row['uri'], queuedFor: row['queued_for'] }));
  }

  /** DAGs (of any tenant) with queued asset events, active and unpaused, with their current version. */
  async consumersWithQueuedEvents(limit: number): Promise<AssetConsumerDue[]> {
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT d.tenant_id, d.dag_id, v.id AS dag_version_id, v.serialized
         FROM (SELECT DISTINCT tenant_id, dag_id FROM asset_event_queue) q
         JOIN dag d ON d.tenant_id = q.tenant_id AND d.dag_id = q.dag_id AND d.is_active AND NOT d.is_paused
         JOIN dag_version v ON v.id = d.current_version_id
        WHERE v.serialized ? 'assetCondition'
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      tenantId: row['tenant_id'],
      dagId: row['dag_id'],
      dagVersionId: row['dag_version_id'],
      serialized: row['serialized'],
    }));
  }

  /**
   * One transaction: takes the DAG's scheduling lock (skipped when another scheduler holds it),
   * reads its queued events, and when `met` says their assets meet the condition, creates the run
   * `makeRun` describes, links every queued event to it and deletes their queue rows. Returns the
   * run, or null when nothing was due (or another scheduler has the DAG).
   */
  async consume(
    consumer: AssetConsumerDue,
    met: (updatedUris: ReadonlySet<string>) => boolean,
    makeRun: (events: { id: string; createdAt: Date }[]) => NewDagRun,
  ): Promise<DagRunEntity | null> {
    const { tenantId, dagId } = consumer;
    return this.db.transaction(async (tx) => {
      const locked = await tx.query(
        `SELECT 1 FROM dag WHERE tenant_id = $1 AND dag_id = $2 FOR NO KEY UPDATE SKIP LOCKED`,
        [tenantId, dagId],
      );
      if (locked.length === 0) return null;
      const queued: Record<string, any>[] = await tx.query(
        `SELECT q.asset_event_id::text AS id, q.asset_uri, e.created_at
           FROM asset_event_queue q JOIN asset_event e ON e.id = q.asset_event_id
          WHERE q.tenant_id = $1 AND q.dag_id = $2 ORDER BY q.asset_event_id FOR UPDATE OF q`,
        [tenantId, dagId],
      );
      if (!met(new Set(queued.map((q) => q['asset_uri'] as string)))) return null;
      const ids = queued.map((q) => q['id'] as string);
      const [, deleted] = await tx.query(
        `DELETE FROM asset_event_queue WHERE tenant_id = $1 AND dag_id = $2 AND asset_event_id = ANY($3::bigint[])`,
        [tenantId, dagId, ids],
      );
      if (deleted !== ids.length) throw new Error(`asset events of DAG '${dagId}' were consumed meanwhile`);
      const run = await insertDagRun(
        tx,
        tenantId,
        makeRun(queued.map((q) => ({ id: q['id'], createdAt: q['created_at'] }))),
      );
      await tx.query(
        `INSERT INTO dag_run_asset_event (tenant_id, dag_run_id, asset_event_id) SELECT $1, $2, unnest($3::bigint[])`,
        [tenantId, run.id, ids],
      );
      return run;
    });
  }

  /** The events a run consumed (empty for a run its asset condition did not trigger). */
  async eventsOfRun(tenantId: string, dagRunId: string): Promise<AssetEventRow[]> {
    const rows = await this.db.query(
      `SELECT ${EVENT_COLUMNS}
         FROM dag_run_asset_event l JOIN asset_event e ON e.id = l.asset_event_id JOIN asset a ON a.id = e.asset_id
        WHERE l.tenant_id = $1 AND l.dag_run_id = $2 ORDER BY e.id`,
      [tenantId, dagRunId],
    );
    return rows.map(toEvent);
  }

  async event(tenantId: string, id: string): Promise<AssetEventRow | null> {
    const [row] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM asset_event e JOIN asset a ON a.id = e.asset_id WHERE e.tenant_id = $1 AND e.id = $2`,
      [tenantId, id],
    );
    return row ? toEvent(row) : null;
  }

  /** An asset's events, newest first. */
  async events(tenantId: string, uri: string, page: PageRequest): Promise<Page<AssetEventRow>> {
    const from = `FROM asset_event e JOIN asset a ON a.id = e.asset_id WHERE e.tenant_id = $1 AND a.uri = $2`;
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(`SELECT ${EVENT_COLUMNS} ${from} ORDER BY e.id DESC LIMIT $3 OFFSET $4`, [
        tenantId,
        uri,
        page.limit,
        page.offset,
      ]),
      this.db.query(`SELECT count(*) AS n ${from}`, [tenantId, uri]),
    ]);
    return { items: rows.map(toEvent), total: Number(n), limit: page.limit, offset: page.offset };
  }

  /** Events waiting for a consumer's condition, optionally of one asset or one DAG. */
  async queued(tenantId: string, filter: { uri?: string; dagId?: string } = {}): Promise<QueuedAssetEvent[]> {
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT q.dag_id, q.asset_uri, q.asset_event_id::text AS id, q.created_at
         FROM asset_event_queue q
        WHERE q.tenant_id = $1 AND ($2::text IS NULL OR q.asset_uri = $2) AND ($3::text IS NULL OR q.dag_id = $3)
        ORDER BY q.dag_id, q.asset_event_id LIMIT 1000`,
      [tenantId, filter.uri ?? null, filter.dagId ?? null],
    );
    return rows.map((row) => ({
      dagId: row['dag_id'],
      uri: row['asset_uri'],
      assetEventId: row['id'],
      createdAt: row['created_at'],
    }));
  }

  /** Every asset of the tenant: those with events and those its active DAGs name, with producers and consumers. */
  async overview(tenantId: string): Promise<AssetOverview[]> {
    const [stored, producers, consumers] = await Promise.all([
      this.db.query(
        `SELECT a.uri, a.name, a.group_name, max(e.created_at) AS last_event_at, count(e.id) AS event_count
           FROM asset a LEFT JOIN asset_event e ON e.asset_id = a.id
          WHERE a.tenant_id = $1 GROUP BY a.id ORDER BY a.uri`,
        [tenantId],
      ) as Promise<Record<string, any>[]>,
      this.db.query(
        `SELECT d.dag_id, t->>'taskId' AS task_id, o AS asset
           FROM dag d JOIN dag_version v ON v.id = d.current_version_id,
                jsonb_array_elements(v.serialized->'tasks') t, jsonb_array_elements(t->'outlets') o
          WHERE d.tenant_id = $1 AND d.is_active AND t ? 'outlets'
          ORDER BY d.dag_id, task_id`,
        [tenantId],
      ) as Promise<Record<string, any>[]>,
      this.db.query(
        `SELECT d.dag_id, d.is_paused, v.serialized->'assetCondition' AS condition
           FROM dag d JOIN dag_version v ON v.id = d.current_version_id
          WHERE d.tenant_id = $1 AND d.is_active AND v.serialized ? 'assetCondition'
          ORDER BY d.dag_id`,
        [tenantId],
      ) as Promise<Record<string, any>[]>,
    ]);
    const byUri = new Map<string, AssetOverview>();
    const entry = (a: SerializedAsset) => {
      let found = byUri.get(a.uri);
      if (!found)
        byUri.set(
          a.uri,
          (found = {
            uri: a.uri,
            name: a.name,
            group: a.group,
            producers: [],
            consumers: [],
            lastEventAt: null,
            eventCount: 0,
          }),
        );
      return found;
    };
    for (const row of stored)
      Object.assign(entry({ uri: row['uri'], name: row['name'], group: row['group_name'] }), {
        lastEventAt: row['last_event_at'],
        eventCount: Number(row['event_count']),
      });
    for (const row of producers) entry(row['asset']).producers.push({ dagId: row['dag_id'], taskId: row['task_id'] });
    for (const row of consumers)
      for (const a of assetsOfCondition(row['condition']))
        entry(a).consumers.push({ dagId: row['dag_id'], isPaused: row['is_paused'], condition: row['condition'] });
    return [...byUri.values()].sort((x, y) => x.uri.localeCompare(y.uri));
  }

  /** The asset of this URI the tenant knows (has events of, or names in an active DAG), or null. */
  async find(tenantId: string, uri: string): Promise<AssetOverview | null> {
    return (await this.overview(tenantId)).find((a) => a.uri === uri) ?? null;
  }
}
