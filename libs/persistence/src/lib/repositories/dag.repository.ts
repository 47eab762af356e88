import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunState } from '@updraft/domain';
import type { SerializedDag } from '@updraft/sdk';
import { DataSource } from 'typeorm';
import { Page, PageRequest } from './page';

export interface DagSummary {
  dagId: string;
  bundleName: string;
  bundleVersion: number;
  bundleVersionId: string;
  dagVersionId: string;
  entryFile: string;
  isActive: boolean;
  isPaused: boolean;
  nextDagrunAt: Date | null;
  serialized: SerializedDag;
  /** The team assigned through the API, else the one the DAG names itself; null when none. */
  team: string | null;
  lastRun: { runId: string; state: RunState; logicalDate: Date } | null;
}

/** A DAG's team in SQL over `dag d` joined to its current `dag_version v`. */
export const EFFECTIVE_TEAM = `COALESCE(d.team, v.serialized->>'team')`;

const SUMMARY_FROM = `
    FROM dag d
    JOIN dag_version v ON v.id = d.current_version_id
    JOIN bundle_version b ON b.id = v.bundle_version_id
    LEFT JOIN LATERAL (
      SELECT run_id, state, logical_date FROM dag_run
       WHERE tenant_id = d.tenant_id AND dag_id = d.dag_id ORDER BY logical_date DESC LIMIT 1
    ) r ON true`;

const SUMMARY_SELECT = `
  SELECT d.tenant_id, d.dag_id, ${EFFECTIVE_TEAM} AS team, d.bundle_name, d.is_active, d.is_paused, d.next_dagrun_at, v.id AS dag_version_id, v.serialized, v.entry_file,
         b.version AS bundle_version, b.id AS bundle_version_id,
         r.run_id AS last_run_id, r.state AS last_run_state, r.logical_date AS last_run_logical_date
  ${SUMMARY_FROM}`;

/** What the DAG list can be narrowed by; every field is optional and they combine with AND. */
export interface DagListFilter {
  /** Part of the DAG id or description, any case. */
  search?: string;
  /** DAGs carrying any of these tags. */
  tags?: readonly string[];
  team?: string;
  /** DAGs with a task of this owner. */
  owner?: string;
  paused?: boolean;
  lastRunState?: RunState;
  sort?: 'dagId' | '-dagId' | 'nextRun' | '-nextRun' | 'lastRun' | '-lastRun';
}

const SORTS: Record<NonNullable<DagListFilter['sort']>, string> = {
  dagId: 'd.dag_id',
  '-dagId': 'd.dag_id DESC',
  nextRun: 'd.next_dagrun_at NULLS LAST, d.dag_id',
  '-nextRun': 'd.next_dagrun_at DESC NULLS LAST, d.dag_id',
  lastRun: 'r.logical_date NULLS FIRST, d.dag_id',
  '-lastRun': 'r.logical_date DESC NULLS LAST, d.dag_id',
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function toSummary(row: Record<string, any>): DagSummary {
  return {
    dagId: row['dag_id'],
    bundleName: row['bundle_name'],
    bundleVersion: row['bundle_version'],
    bundleVersionId: row['bundle_version_id'],
    dagVersionId: row['dag_version_id'],
    entryFile: row['entry_file'],
    isActive: row['is_active'],
    isPaused: row['is_paused'],
    nextDagrunAt: row['next_dagrun_at'],
    serialized: row['serialized'],
    team: row['team'],
    lastRun: row['last_run_id']
      ? { runId: row['last_run_id'], state: row['last_run_state'], logicalDate: row['last_run_logical_date'] }
      : null,
  };
}

@Injectable()
export class DagRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `teams` limits the list to DAGs of those teams (a member whose access comes from team roles); null is every DAG. */
  async list(
    tenantId: string,
    page: PageRequest,
    options: { includeInactive?: boolean; teams?: readonly string[] | null; filter?: DagListFilter } = {},
  ): Promise<Page<DagSummary>> {
    const filter = options.filter ?? {};
    const args: unknown[] = [tenantId, options.teams ?? null];
    const arg = (value: unknown) => `$${args.push(value)}`;
    const conditions = ['d.tenant_id = $1', `($2::text[] IS NULL OR ${EFFECTIVE_TEAM} = ANY($2))`];
    if (!options.includeInactive) conditions.push('d.is_active');
    if (filter.search) {
      const pattern = arg(`%${escapeLike(filter.search)}%`);
      conditions.push(`(d.dag_id ILIKE ${pattern} OR v.serialized->>'description' ILIKE ${pattern})`);
    }
    if (filter.tags?.length) conditions.push(`(v.serialized->'tags') ?| ${arg(filter.tags)}::text[]`);
    if (filter.team) conditions.push(`${EFFECTIVE_TEAM} = ${arg(filter.team)}`);
    if (filter.owner)
      conditions.push(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(v.serialized->'tasks') t WHERE t->>'owner' = ${arg(filter.owner)})`,
      );
    if (filter.paused !== undefined) conditions.push(`d.is_paused = ${arg(filter.paused)}`);
    if (filter.lastRunState) conditions.push(`r.state = ${arg(filter.lastRunState)}`);
    const where = conditions.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${SUMMARY_FROM} WHERE ${where}`, args);
    const order = SORTS[filter.sort ?? 'dagId'];
    const rows = await this.db.query(
      `${SUMMARY_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${arg(page.limit)} OFFSET ${arg(page.offset)}`,
      args,
    );
    return { items: rows.map(toSummary), total, ...page };
  }

  /** The DAG's team (see DagSummary.team); undefined when the DAG does not exist. */
  async teamOf(tenantId: string, dagId: string): Promise<string | null | undefined> {
    const rows = await this.db.query(
      `SELECT ${EFFECTIVE_TEAM} AS team FROM dag d JOIN dag_version v ON v.id = d.current_version_id WHERE d.tenant_id = $1 AND d.dag_id = $2`,
      [tenantId, dagId],
    );
    return rows.length > 0 ? rows[0].team : undefined;
  }

  /** The teams of every DAG of this bundle version whose serialized source is in `file` (a file may define several DAGs). */
  async teamsDefinedIn(
    tenantId: string,
    bundleVersionId: string,
    file: string,
  ): Promise<{ dagId: string; team: string | null }[]> {
    return this.db.query(
      `SELECT d.dag_id AS "dagId", ${EFFECTIVE_TEAM} AS team FROM dag d JOIN dag_version v ON v.id = d.current_version_id
        WHERE d.tenant_id = $1 AND v.bundle_version_id = $2 AND split_part(v.serialized->>'source', ':', 1) = $3`,
      [tenantId, bundleVersionId, file],
    );
  }

  /** Assigns the DAG to a team (null: back to the team its code names); false when the DAG does not exist. */
  async setTeam(tenantId: string, dagId: string, team: string | null): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE dag SET team = $3, updated_at = now() WHERE tenant_id = $1 AND dag_id = $2`,
      [tenantId, dagId, team],
    );
    return count > 0;
  }

  /** Active, unpaused, scheduled DAGs whose next run may be due. */
  async dueForScheduling(limit: number): Promise<(DagSummary & { tenantId: string })[]> {
    const rows = await this.db.query(
      `${SUMMARY_SELECT}
        WHERE d.is_active AND NOT d.is_paused AND v.serialized->>'schedule' IS NOT NULL
          AND (d.next_dagrun_at IS NULL OR d.next_dagrun_at <= now())
        ORDER BY d.next_dagrun_at NULLS FIRST LIMIT $1`,
      [limit],
    );
    return rows.map((row: Record<string, unknown>) => ({ ...toSummary(row), tenantId: row['tenant_id'] as string }));
  }

  /**
   * Runs `plan` while holding this DAG's scheduling lock, then stores the next time to look at
   * the DAG that `plan` returns. Another scheduler holding the lock makes this a no-op (null).
   */
  async withSchedulingLock<T>(
    tenantId: string,
    dagId: string,
    plan: () => Promise<{ result: T; nextDagrunAt: Date | null }>,
  ): Promise<T | null> {
    return this.db.transaction(async (tx) => {
      const locked = await tx.query(
        `SELECT 1 FROM dag WHERE tenant_id = $1 AND dag_id = $2 FOR NO KEY UPDATE SKIP LOCKED`,
        [tenantId, dagId],
      );
      if (locked.length === 0) return null;
      const { result, nextDagrunAt } = await plan();
      await tx.query(`UPDATE dag SET next_dagrun_at = $3 WHERE tenant_id = $1 AND dag_id = $2`, [
        tenantId,
        dagId,
        nextDagrunAt,
      ]);
      return result;
    });
  }

  async setNextDagrunAt(tenantId: string, dagId: string, at: Date | null): Promise<void> {
    await this.db.query(`UPDATE dag SET next_dagrun_at = $3 WHERE tenant_id = $1 AND dag_id = $2`, [
      tenantId,
      dagId,
      at,
    ]);
  }

  /** Pauses or unpauses; false when the DAG does not exist for this tenant. */
  async setPaused(tenantId: string, dagId: string, isPaused: boolean): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE dag SET is_paused = $3, next_dagrun_at = NULL, updated_at = now() WHERE tenant_id = $1 AND dag_id = $2`,
      [tenantId, dagId, isPaused],
    );
    return count > 0;
  }

  async get(tenantId: string, dagId: string): Promise<DagSummary | null> {
    const rows = await this.db.query(`${SUMMARY_SELECT} WHERE d.tenant_id = $1 AND d.dag_id = $2`, [tenantId, dagId]);
    return rows.length > 0 ? toSummary(rows[0]) : null;
  }
}
