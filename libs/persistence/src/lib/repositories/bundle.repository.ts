import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SerializedDag } from '@updraft/sdk';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BundleError, BundleVersionEntity } from '../entities/bundle-version.entity';
import { Page, PageRequest } from './page';

export interface ParsedDag {
  dagId: string;
  entryFile: string;
  serialized: SerializedDag;
}

type DagPlace = { file: string; line?: number };

/** Where a DAG was declared (`dags/x.ts:12`, the source file rather than its compiled entry). */
function placeOf(d: ParsedDag): DagPlace {
  const match = /^(.*):(\d+)$/.exec(d.serialized.source ?? '');
  return match ? { file: match[1], line: Number(match[2]) } : { file: d.entryFile };
}

export interface ParseToClaim {
  tenantId: string;
  bundleVersionId: string;
}

/** A parse's own time limit plus this: a claim older than both is a worker gone mid-parse. */
const PARSE_CLAIM_GRACE_MS = 30_000;

/**
 * The version to parse next, fairly between tenants ($1: when a claim goes stale, in ms). A tenant
 * with a parse under way gets no other; among the others, each one's oldest waiting version, the
 * tenant whose last parse started longest ago (or never) first. So a tenant's versions queue
 * behind its own and never ahead of another tenant's first.
 */
const NEXT_PARSE = `
  busy AS (
    SELECT DISTINCT tenant_id FROM bundle_version
     WHERE status = 'parsing' AND parse_started_at > now() - make_interval(secs => $1::double precision / 1000)
  ), heads AS (
    SELECT DISTINCT ON (tenant_id) id, tenant_id, created_at FROM bundle_version
     WHERE status IN ('pending', 'parsing') AND tenant_id NOT IN (SELECT tenant_id FROM busy)
     ORDER BY tenant_id, created_at, id
  ), next AS (
    SELECT h.id, h.tenant_id FROM heads h
     ORDER BY (SELECT max(s.parse_started_at) FROM bundle_version s WHERE s.tenant_id = h.tenant_id AND s.parse_started_at IS NOT NULL) NULLS FIRST,
              h.created_at, h.id
     LIMIT 1
  )`;

@Injectable()
export class BundleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores an upload as the bundle's next immutable version, status `pending`. */
  async createVersion(
    tenantId: string,
    input: { name: string; archive: Buffer; format: 'tar.gz' | 'zip'; createdBy: string | null },
  ): Promise<BundleVersionEntity> {
    return this.db.transaction(async (tx) => {
      // Serialises concurrent uploads of one bundle so version numbers never collide.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`bundle:${tenantId}:${input.name}`]);
      const [{ next }] = await tx.query(
        `SELECT COALESCE(MAX(version), 0) + 1 AS next FROM bundle_version WHERE tenant_id = $1 AND name = $2`,
        [tenantId, input.name],
      );
      const entity = tx.create(BundleVersionEntity, {
        tenantId,
        name: input.name,
        version: next,
        status: 'pending',
        archive: input.archive,
        archiveFormat: input.format,
        archiveSha256: createHash('sha256').update(input.archive).digest('hex'),
        errors: [],
        dagIds: [],
        createdBy: input.createdBy,
        parsedAt: null,
      });
      const saved = await tx.save(entity);
      return Object.assign(saved, { archive: undefined });
    });
  }

  get(tenantId: string, id: string): Promise<BundleVersionEntity | null> {
    return this.db.getRepository(BundleVersionEntity).findOneBy({ tenantId, id });
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<BundleVersionEntity>> {
    const [items, total] = await this.db.getRepository(BundleVersionEntity).findAndCount({
      where: { tenantId },
      order: { createdAt: 'DESC', version: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  /** The e-mail of each of these users who is (still) a member of the tenant, by user id: who deployed a version. */
  async deployerEmails(tenantId: string, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: { id: string; email: string }[] = await this.db.query(
      `SELECT u.id, u.email FROM app_user u JOIN membership m ON m.user_id = u.id AND m.tenant_id = $1 WHERE u.id = ANY($2)`,
      [tenantId, userIds],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  /** The bundle version a DAG version came from (what a run pinned). */
  async ofDagVersion(tenantId: string, dagVersionId: string): Promise<{ name: string; version: number } | null> {
    const [row] = await this.db.query(
      `SELECT b.name, b.version FROM dag_version v JOIN bundle_version b ON b.id = v.bundle_version_id AND b.tenant_id = v.tenant_id WHERE v.tenant_id = $1 AND v.id = $2`,
      [tenantId, dagVersionId],
    );
    return row ? { name: row.name, version: row.version } : null;
  }

  async archive(tenantId: string, id: string): Promise<Buffer | null> {
    const rows = await this.db.query(`SELECT archive FROM bundle_version WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
    return rows[0]?.archive ?? null;
  }

  async markParsing(tenantId: string, id: string): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE bundle_version SET status = 'parsing', parse_started_at = now() WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'parsing')`,
      [tenantId, id],
    );
    return count > 0;
  }

  /**
   * Claims the next version to parse (`NEXT_PARSE`); null when none may start now. Claims are few
   * (one per upload) and serialised, so two workers never start two parses of one tenant.
   */
  async claimNextParse(parseTimeoutMs: number): Promise<ParseToClaim | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bundle-parse-claims'))`);
      const [rows]: [{ id: string; tenant_id: string }[], number] = await tx.query(
        `WITH ${NEXT_PARSE}
         UPDATE bundle_version v SET status = 'parsing', parse_started_at = now() FROM next WHERE v.id = next.id
         RETURNING v.id, v.tenant_id`,
        [parseTimeoutMs + PARSE_CLAIM_GRACE_MS],
      );
      return rows[0] ? { tenantId: rows[0].tenant_id, bundleVersionId: rows[0].id } : null;
    });
  }

  /** The version a claim would take now, without claiming it: the sweep's hint that a parse may start. */
  async nextParse(parseTimeoutMs: number): Promise<ParseToClaim | null> {
    const [row] = await this.db.query(`WITH ${NEXT_PARSE} SELECT next.id, next.tenant_id FROM next`, [
      parseTimeoutMs + PARSE_CLAIM_GRACE_MS,
    ]);
    return row ? { tenantId: row.tenant_id, bundleVersionId: row.id } : null;
  }

  async fail(tenantId: string, id: string, errors: BundleError[]): Promise<void> {
    await this.db.query(
      `UPDATE bundle_version SET status = 'failed', errors = $3, parsed_at = now() WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'parsing')`,
      [tenantId, id, JSON.stringify(errors)],
    );
  }

  /**
   * Makes a parsed version the bundle's active one in one transaction: its DAGs become current,
   * DAGs the bundle no longer defines become inactive (history kept), and a DAG id owned by
   * another of the tenant's bundles fails the version instead. A version older than the active
   * one is kept (superseded) without taking effect, so it can still be rolled back to.
   */
  async activate(tenantId: string, id: string, dags: ParsedDag[]): Promise<BundleVersionEntity | null> {
    await this.db.transaction(async (tx) => {
      const [version] = await tx.query(
        `SELECT name, version, status FROM bundle_version WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, id],
      );
      if (!version || !['pending', 'parsing'].includes(version.status)) return;
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dags:${tenantId}`]);
      const fileOf = new Map<string, DagPlace>();
      const errors: BundleError[] = [];
      for (const d of dags) {
        const before = fileOf.get(d.dagId);
        if (before)
          errors.push({
            ...placeOf(d),
            message: `DAG '${d.dagId}' is defined twice in this bundle (also in ${before.file}${before.line ? `:${before.line}` : ''})`,
          });
        fileOf.set(d.dagId, placeOf(d));
      }
      errors.push(...(await this.conflicts(tx, tenantId, version.name, fileOf)));
      if (errors.length > 0) {
        await tx.query(
          `UPDATE bundle_version SET status = 'failed', errors = $3, parsed_at = now() WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id, JSON.stringify(errors)],
        );
        return;
      }
      // One statement for all DAGs: a bundle may hold thousands, and a round trip each is what made big bundles slow.
      const serialized = dags.map((d) => JSON.stringify(d.serialized));
      const inserted: { dag_id: string; id: string }[] = await tx.query(
        `INSERT INTO dag_version (tenant_id, dag_id, bundle_version_id, serialized, hash, entry_file)
         SELECT $1, t.dag_id, $2, t.serialized::jsonb, t.hash, t.entry_file FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t(dag_id, serialized, hash, entry_file)
         RETURNING dag_id, id`,
        [
          tenantId,
          id,
          dags.map((d) => d.dagId),
          serialized,
          serialized.map((json) => createHash('sha256').update(json).digest('hex')),
          dags.map((d) => d.entryFile),
        ],
      );
      const byDag = new Map(inserted.map((row) => [row.dag_id, row.id]));
      const dagVersions = new Map(dags.map((d) => [d.dagId, byDag.get(d.dagId) as string]));
      const [newer] = await tx.query(
        `SELECT 1 FROM bundle_version WHERE tenant_id = $1 AND name = $2 AND status = 'active' AND version > $3`,
        [tenantId, version.name, version.version],
      );
      if (newer) {
        await tx.query(
          `UPDATE bundle_version SET status = 'superseded', dag_ids = $3, parsed_at = now() WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id, JSON.stringify([...dagVersions.keys()])],
        );
        return;
      }
      await this.makeCurrent(tx, tenantId, id, version.name, dagVersions);
    });
    return this.get(tenantId, id);
  }

  /**
   * Makes an earlier version that parsed successfully the bundle's active one again, with the
   * DAG versions it had. Null when there is no such version for this tenant.
   */
  async rollback(tenantId: string, id: string): Promise<BundleVersionEntity | null> {
    const found = await this.db.transaction(async (tx) => {
      const [version] = await tx.query(
        `SELECT name, status FROM bundle_version WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, id],
      );
      if (!version) return false;
      if (version.status !== 'superseded') {
        throw new RollbackRefused(
          version.status === 'active'
            ? 'this version is already active'
            : `a ${version.status} version cannot be made active; only one that parsed successfully can`,
        );
      }
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dags:${tenantId}`]);
      const rows: { dag_id: string; id: string; entry_file: string }[] = await tx.query(
        `SELECT dag_id, id, entry_file FROM dag_version WHERE tenant_id = $1 AND bundle_version_id = $2`,
        [tenantId, id],
      );
      const conflicts = await this.conflicts(
        tx,
        tenantId,
        version.name,
        new Map(rows.map((r) => [r.dag_id, { file: r.entry_file }])),
      );
      if (conflicts.length > 0) throw new RollbackRefused(conflicts.map((c) => c.message).join('; '));
      await this.makeCurrent(tx, tenantId, id, version.name, new Map(rows.map((r) => [r.dag_id, r.id])));
      return true;
    });
    return found ? this.get(tenantId, id) : null;
  }

  private async conflicts(
    tx: EntityManager,
    tenantId: string,
    bundleName: string,
    fileOf: Map<string, DagPlace>,
  ): Promise<BundleError[]> {
    const rows = await tx.query(
      `SELECT dag_id, bundle_name FROM dag WHERE tenant_id = $1 AND dag_id = ANY($2) AND bundle_name <> $3 AND is_active`,
      [tenantId, [...fileOf.keys()], bundleName],
    );
    return rows.map((c: { dag_id: string; bundle_name: string }) => ({
      ...(fileOf.get(c.dag_id) ?? { file: '(bundle)' }),
      message: `DAG '${c.dag_id}' already belongs to bundle '${c.bundle_name}' of this tenant`,
    }));
  }

  /** Points the bundle's DAGs at these DAG versions, deactivates the DAGs it no longer has, and swaps the active version. */
  private async makeCurrent(
    tx: EntityManager,
    tenantId: string,
    id: string,
    bundleName: string,
    dagVersions: Map<string, string>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO dag (tenant_id, dag_id, bundle_name, current_version_id, is_active, is_paused)
       SELECT $1, t.dag_id, $2, t.version_id, true, false FROM unnest($3::text[], $4::uuid[]) AS t(dag_id, version_id)
       ON CONFLICT (tenant_id, dag_id) DO UPDATE SET bundle_name = EXCLUDED.bundle_name, current_version_id = EXCLUDED.current_version_id,
         is_active = true, next_dagrun_at = NULL, updated_at = now()`,
      [tenantId, bundleName, [...dagVersions.keys()], [...dagVersions.values()]],
    );
    const dagIds = [...dagVersions.keys()];
    await tx.query(
      `UPDATE dag SET is_active = false, updated_at = now() WHERE tenant_id = $1 AND bundle_name = $2 AND NOT (dag_id = ANY($3))`,
      [tenantId, bundleName, dagIds],
    );
    await tx.query(
      `UPDATE bundle_version SET status = 'superseded' WHERE tenant_id = $1 AND name = $2 AND status = 'active'`,
      [tenantId, bundleName],
    );
    await tx.query(
      `UPDATE bundle_version SET status = 'active', dag_ids = $3, errors = '[]', parsed_at = COALESCE(parsed_at, now()) WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, JSON.stringify(dagIds)],
    );
  }
}

export class RollbackRefused extends Error {}
