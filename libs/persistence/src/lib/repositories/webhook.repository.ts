import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest } from './page';
import { isUniqueViolation } from './unique-violation';

export interface WebhookRow {
  id: string;
  tenantId: string;
  name: string;
  /** Bound to an asset (each call records an event of it) or to a DAG (each call triggers a run). */
  assetUri: string | null;
  dagId: string | null;
  /** conf key → JSON path into the call's body (`$.order.id`), for a DAG-bound hook. */
  confMapping: Record<string, string>;
  /** Encrypted (SecretBox, bound by `webhookSecretBinding`). */
  secret: string;
  secretRotatedAt: Date;
  createdAt: Date;
}

export interface WebhookDeliveryRow {
  id: string;
  deliveryId: string | null;
  outcome: string;
  statusCode: number;
  message: string | null;
  bodyBytes: number;
  assetEventId: string | null;
  dagRunId: string | null;
  receivedAt: Date;
}

export interface NewWebhookDelivery {
  tenantId: string;
  webhookId: string | null;
  hookName: string;
  deliveryId: string | null;
  outcome: string;
  statusCode: number;
  message: string | null;
  bodyBytes: number;
  assetEventId?: string | null;
  dagRunId?: string | null;
}

export class DuplicateWebhookError extends Error {
  constructor(readonly hookName: string) {
    super(`a webhook named '${hookName}' exists`);
  }
}

/** What a webhook's encrypted secret is bound to, so a ciphertext copied to another row does not decrypt. */
export const webhookSecretBinding = (tenantId: string, webhookId: string) => `tenant:${tenantId}:webhook:${webhookId}`;

function toWebhook(row: Record<string, any>): WebhookRow {
  return {
    id: row['id'],
    tenantId: row['tenant_id'],
    name: row['name'],
    assetUri: row['asset_uri'],
    dagId: row['dag_id'],
    confMapping: row['conf_mapping'],
    secret: row['secret'],
    secretRotatedAt: row['secret_rotated_at'],
    createdAt: row['created_at'],
  };
}

/** A tenant's webhooks and the log of every call made to them. */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a hook; `sealSecret` encrypts its secret bound to the new row's id. */
  async create(
    tenantId: string,
    input: { name: string; assetUri: string | null; dagId: string | null; confMapping: Record<string, string> },
    sealSecret: (webhookId: string) => string,
  ): Promise<WebhookRow> {
    const id = randomUUID();
    try {
      const [row] = await this.db.query(
        `INSERT INTO webhook (id, tenant_id, name, asset_uri, dag_id, conf_mapping, secret)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [id, tenantId, input.name, input.assetUri, input.dagId, JSON.stringify(input.confMapping), sealSecret(id)],
      );
      return toWebhook(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateWebhookError(input.name);
      throw error;
    }
  }

  async list(tenantId: string): Promise<WebhookRow[]> {
    const rows = await this.db.query(`SELECT * FROM webhook WHERE tenant_id = $1 ORDER BY name`, [tenantId]);
    return rows.map(toWebhook);
  }

  async get(tenantId: string, name: string): Promise<WebhookRow | null> {
    const [row] = await this.db.query(`SELECT * FROM webhook WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
    return row ? toWebhook(row) : null;
  }

  /** The hook a call names by tenant slug and hook name (the only lookup not keyed by tenant id: the caller is not logged in). */
  async forCall(tenantSlug: string, name: string): Promise<WebhookRow | null> {
    const [row] = await this.db.query(
      `SELECT w.* FROM webhook w JOIN tenant t ON t.id = w.tenant_id WHERE t.slug = $1 AND w.name = $2`,
      [tenantSlug, name],
    );
    return row ? toWebhook(row) : null;
  }

  /** The tenant's id for a slug (to log a call to a hook that does not exist); null when no such tenant. */
  async tenantIdOf(tenantSlug: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT id FROM tenant WHERE slug = $1`, [tenantSlug]);
    return row ? row['id'] : null;
  }

  async rotate(tenantId: string, name: string, sealSecret: (webhookId: string) => string): Promise<WebhookRow | null> {
    const hook = await this.get(tenantId, name);
    if (!hook) return null;
    const [rows] = await this.db.query(
      `UPDATE webhook SET secret = $3, secret_rotated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, hook.id, sealSecret(hook.id)],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM webhook WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
    return count > 0;
  }

  /**
   * Logs an accepted call inside the caller's transaction; false when this hook already accepted a
   * call with that delivery id (the transaction must then be rolled back: nothing new is made).
   */
  async accept(tx: EntityManager, delivery: NewWebhookDelivery): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO webhook_delivery (tenant_id, webhook_id, hook_name, delivery_id, outcome, status_code, message, body_bytes, asset_event_id, dag_run_id)
       VALUES ($1, $2, $3, $4, 'accepted', $5, $6, $7, $8, $9)
       ON CONFLICT (webhook_id, delivery_id) WHERE outcome = 'accepted' DO NOTHING RETURNING id`,
      [
        delivery.tenantId,
        delivery.webhookId,
        delivery.hookName,
        delivery.deliveryId,
        delivery.statusCode,
        delivery.message,
        delivery.bodyBytes,
        delivery.assetEventId ?? null,
        delivery.dagRunId ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** Logs a refused (or duplicate) call. */
  async logRefused(delivery: NewWebhookDelivery): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_delivery (tenant_id, webhook_id, hook_name, delivery_id, outcome, status_code, message, body_bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        delivery.tenantId,
        delivery.webhookId,
        delivery.hookName,
        delivery.deliveryId,
        delivery.outcome,
        delivery.statusCode,
        delivery.message,
        delivery.bodyBytes,
      ],
    );
  }

  async deliveries(tenantId: string, hookName: string, page: PageRequest): Promise<Page<WebhookDeliveryRow>> {
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(
        `SELECT * FROM webhook_delivery WHERE tenant_id = $1 AND hook_name = $2 ORDER BY id DESC LIMIT $3 OFFSET $4`,
        [tenantId, hookName, page.limit, page.offset],
      ),
      this.db.query(`SELECT count(*) AS n FROM webhook_delivery WHERE tenant_id = $1 AND hook_name = $2`, [
        tenantId,
        hookName,
      ]),
    ]);
    return {
      items: rows.map((row: Record<string, any>) => ({
        id: String(row['id']),
        deliveryId: row['delivery_id'],
        outcome: row['outcome'],
        statusCode: row['status_code'],
        message: row['message'],
        bodyBytes: row['body_bytes'],
        assetEventId: row['asset_event_id'] === null ? null : String(row['asset_event_id']),
        dagRunId: row['dag_run_id'],
        receivedAt: row['received_at'],
      })),
      total: Number(n),
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** Runs `work` in one transaction (an accepted call's event or run and its log line commit together). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
