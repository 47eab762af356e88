import { InjectQueue } from '@nestjs/bull';
import { HttpException, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import type {
  Webhook,
  WebhookCallResult,
  WebhookDeliveryPage,
  WebhookList,
  WebhookWithSecret,
} from '@updraft/api-types';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { jsonPathValue, resolveParams } from '@updraft/domain';
import {
  AssetRepository,
  DagRepository,
  DuplicateWebhookError,
  insertDagRun,
  manualRun,
  NewWebhookDelivery,
  webhookSecretBinding,
  WebhookRepository,
  WebhookRow,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import { assetUriProblem } from '@updraft/sdk';
import { SecretBox } from '@updraft/secrets';
import type { Queue } from 'bull';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { API_PREFIX } from '../openapi-document';
import { ApiException, ERROR_STATUS } from '../../services/http/api-exception';
import type { PaginationQuery } from '../../services/http/pagination.dto';
import { consumeOrRefuse, RateLimits } from '../../services/rate-limits/rate-limits';
import type { WebhookBody } from './webhook-body';
import type { CreateWebhookDto } from './webhooks.dto';
import { WebhookException } from './webhooks.exception';

export const SIGNATURE_HEADER = 'x-updraft-signature';
export const TIMESTAMP_HEADER = 'x-updraft-timestamp';
export const DELIVERY_HEADER = 'x-updraft-delivery';

const JSON_PATH = /^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/;
const DELIVERY_ID = /^[\x21-\x7e]{1,200}$/;

/** The signature a sender puts in `X-Updraft-Signature`: HMAC-SHA256 of `<timestamp>.<body>` with the hook's secret. */
export function webhookSignature(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** A call's headers, as the controller reads them. */
export interface WebhookCall {
  tenantSlug: string;
  hookName: string;
  body: WebhookBody | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  deliveryId: string | undefined;
}

class Refusal extends Error {
  readonly status: number;
  constructor(
    readonly outcome: string,
    readonly error: HttpException | ApiException,
  ) {
    super(error.message);
    this.status = error instanceof ApiException ? ERROR_STATUS[error.kind] : error.getStatus();
  }
}

class DuplicateDelivery extends Error {}

/**
 * Webhooks: management (create, rotate the secret, delete, the call log) and the calls themselves,
 * each checked (rate, size, timestamp window, HMAC signature, delivery id) and logged with its
 * outcome. An accepted call's event or run and its log line commit together; the log's unique
 * (hook, delivery id) among accepted calls makes a repeated delivery create nothing.
 */
@Injectable()
export class WebhooksService {
  private readonly limiter: RateLimiterRedis;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly hooks: WebhookRepository,
    private readonly assets: AssetRepository,
    private readonly dags: DagRepository,
    private readonly box: SecretBox,
    rateLimits: RateLimits,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {
    this.limiter = rateLimits.limiter('webhook', config.webhookCallsPerMinute, 60);
  }

  private view(hook: WebhookRow, tenantSlug: string): Webhook {
    return {
      name: hook.name,
      assetUri: hook.assetUri,
      dagId: hook.dagId,
      confMapping: hook.confMapping,
      url: `/${API_PREFIX}/hooks/${tenantSlug}/${hook.name}`,
      secretRotatedAt: new Date(hook.secretRotatedAt).toISOString(),
      createdAt: new Date(hook.createdAt).toISOString(),
    };
  }

  /** A new secret, sealed for the hook's row; `plain` keeps the clear text to show once. */
  private newSecret(tenantId: string): { plain: string; seal: (webhookId: string) => string } {
    const plain = `whsec_${randomBytes(32).toString('base64url')}`;
    return { plain, seal: (webhookId) => this.box.encrypt(plain, webhookSecretBinding(tenantId, webhookId)) };
  }

  async list(tenantId: string, tenantSlug: string): Promise<WebhookList> {
    return { items: (await this.hooks.list(tenantId)).map((h) => this.view(h, tenantSlug)) };
  }

  async create(tenantId: string, tenantSlug: string, body: CreateWebhookDto): Promise<WebhookWithSecret> {
    const invalid = (message: string) => new WebhookException('invalidWebhook', message);
    if ((body.assetUri === undefined) === (body.dagId === undefined))
      throw invalid('give exactly one of assetUri (record asset events) or dagId (trigger runs)');
    if (body.assetUri !== undefined) {
      const problem = assetUriProblem(body.assetUri);
      if (problem) throw invalid(`assetUri: ${problem}`);
      if (body.confMapping) throw invalid('confMapping applies to a hook bound to a DAG');
    }
    for (const [key, path] of Object.entries(body.confMapping ?? {}))
      if (typeof path !== 'string' || !JSON_PATH.test(path))
        throw invalid(`confMapping.${key} must be a JSON path such as $.order.id (got ${JSON.stringify(path)})`);
    if (body.dagId !== undefined) {
      const dag = await this.dags.get(tenantId, body.dagId);
      if (!dag || !dag.isActive) throw new WebhookException('dagNotFound', `DAG '${body.dagId}' not found`);
    }
    const secret = this.newSecret(tenantId);
    try {
      const hook = await this.hooks.create(
        tenantId,
        {
          name: body.name,
          assetUri: body.assetUri ?? null,
          dagId: body.dagId ?? null,
          confMapping: body.confMapping ?? {},
        },
        secret.seal,
      );
      return { ...this.view(hook, tenantSlug), secret: secret.plain };
    } catch (error) {
      if (error instanceof DuplicateWebhookError) throw new WebhookException('webhookExists', error.message);
      throw error;
    }
  }

  /** A new secret; the old one stops working at once. */
  async rotate(tenantId: string, tenantSlug: string, name: string): Promise<WebhookWithSecret> {
    const secret = this.newSecret(tenantId);
    const hook = await this.hooks.rotate(tenantId, name, secret.seal);
    if (!hook) throw notFound(name);
    return { ...this.view(hook, tenantSlug), secret: secret.plain };
  }

  async remove(tenantId: string, name: string): Promise<void> {
    if (!(await this.hooks.remove(tenantId, name))) throw notFound(name);
  }

  async deliveries(tenantId: string, name: string, query: PaginationQuery): Promise<WebhookDeliveryPage> {
    if (!(await this.hooks.get(tenantId, name))) throw notFound(name);
    const page = await this.hooks.deliveries(tenantId, name, { limit: query.limit, offset: query.offset });
    return {
      ...page,
      items: page.items.map((d) => ({ ...d, receivedAt: new Date(d.receivedAt).toISOString() })),
    };
  }

  /** Handles one call to a webhook; every call, refused or not, leaves a line in the hook's log. */
  async deliver(call: WebhookCall): Promise<WebhookCallResult> {
    const hook = await this.hooks.forCall(call.tenantSlug, call.hookName);
    const bodyBytes = call.body?.bytes?.length ?? (call.body?.tooLarge ? call.body.length : 0);
    const entry = (outcome: string, statusCode: number, message: string | null): NewWebhookDelivery => ({
      tenantId: hook?.tenantId ?? '',
      webhookId: hook?.id ?? null,
      hookName: call.hookName,
      deliveryId: call.deliveryId && DELIVERY_ID.test(call.deliveryId) ? call.deliveryId : null,
      outcome,
      statusCode,
      message,
      bodyBytes,
    });
    if (!hook) {
      const tenantId = await this.hooks.tenantIdOf(call.tenantSlug);
      if (tenantId)
        await this.hooks.logRefused({ ...entry('not_found', 404, 'no such webhook'), tenantId }).catch(() => undefined);
      throw new WebhookException('webhookNotFound', 'webhook not found');
    }
    try {
      const verified = await this.verify(hook, call);
      return await this.accept(hook, verified, entry);
    } catch (error) {
      if (error instanceof Refusal) {
        await this.hooks.logRefused(entry(error.outcome, error.status, error.message));
        throw error.error;
      }
      if (error instanceof DuplicateDelivery) {
        await this.hooks.logRefused(entry('duplicate', 200, 'this delivery id was accepted before: nothing made'));
        return { outcome: 'duplicate', assetEventId: null, dagRunId: null };
      }
      throw error;
    }
  }

  /** The call's delivery id and JSON body, once rate, size, timestamp and signature pass. */
  private async verify(
    hook: WebhookRow,
    call: WebhookCall,
  ): Promise<{ deliveryId: string; payload: Record<string, unknown> }> {
    await consumeOrRefuse(
      this.limiter,
      hook.id,
      `webhook '${hook.name}' takes at most ${this.config.webhookCallsPerMinute} calls a minute`,
    ).catch((error: HttpException) => {
      throw new Refusal('rate_limited', error);
    });
    if (!call.body || call.body.tooLarge)
      throw new Refusal(
        'too_large',
        new PayloadTooLargeException(
          `the body is larger than ${this.config.webhookMaxBodyBytes} bytes (WEBHOOK_MAX_BODY_BYTES)`,
        ),
      );
    const now = Math.floor(Date.now() / 1000);
    const timestamp = call.timestamp ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > this.config.webhookToleranceSeconds)
      throw new Refusal(
        'stale_timestamp',
        new WebhookException(
          'staleTimestamp',
          `${TIMESTAMP_HEADER} must be the Unix time in seconds, within ${this.config.webhookToleranceSeconds} s of now`,
        ),
      );
    const expected = Buffer.from(
      webhookSignature(
        this.box.decrypt(hook.secret, webhookSecretBinding(hook.tenantId, hook.id)),
        timestamp,
        call.body.bytes,
      ),
    );
    const given = Buffer.from(call.signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Refusal(
        'bad_signature',
        new WebhookException(
          'badSignature',
          `${SIGNATURE_HEADER} does not match: sign "<timestamp>.<body>" with HMAC-SHA256 and the hook's secret, as sha256=<hex>`,
        ),
      );
    if (!call.deliveryId || !DELIVERY_ID.test(call.deliveryId))
      throw new Refusal(
        'invalid',
        new WebhookException(
          'invalidCall',
          `${DELIVERY_HEADER} must be 1 to 200 printable characters, unique per delivery`,
        ),
      );
    let payload: unknown = {};
    const text = call.body.bytes.toString('utf8').trim();
    try {
      if (text !== '') payload = JSON.parse(text);
    } catch {
      throw new Refusal('invalid', new WebhookException('invalidCall', 'the body is not valid JSON'));
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      throw new Refusal('invalid', new WebhookException('invalidCall', 'the body must be a JSON object'));
    return { deliveryId: call.deliveryId, payload: payload as Record<string, unknown> };
  }

  private async accept(
    hook: WebhookRow,
    { deliveryId, payload }: { deliveryId: string; payload: Record<string, unknown> },
    entry: (outcome: string, statusCode: number, message: string | null) => NewWebhookDelivery,
  ): Promise<WebhookCallResult> {
    if (hook.assetUri) {
      const assetUri = hook.assetUri;
      const eventId = await this.hooks.transaction(async (tx) => {
        const [recorded] = await this.assets.record(
          hook.tenantId,
          [
            {
              asset: { uri: assetUri, name: assetUri, group: 'asset' },
              sourceKind: 'webhook',
              createdBy: `webhook:${hook.name}`,
              extra: payload,
              dedupKey: `webhook:${hook.id}:${deliveryId}`,
            },
          ],
          tx,
        );
        if (!recorded) throw new DuplicateDelivery();
        const accepted = await this.hooks.accept(tx, {
          ...entry('accepted', 200, `asset event ${recorded.id}`),
          assetEventId: recorded.id,
        });
        if (!accepted) throw new DuplicateDelivery();
        return recorded.id;
      });
      return { outcome: 'accepted', assetEventId: eventId, dagRunId: null };
    }
    const dag = await this.dags.get(hook.tenantId, hook.dagId as string);
    if (!dag || !dag.isActive)
      throw new Refusal('invalid', new WebhookException('dagNotFound', `DAG '${hook.dagId}' not found`));
    const mapping = Object.entries(hook.confMapping);
    const conf =
      mapping.length === 0
        ? payload
        : Object.fromEntries(
            mapping.map(([key, path]) => [key, jsonPathValue(payload, path)]).filter(([, v]) => v !== undefined),
          );
    const { problems } = resolveParams(dag.serialized.params, conf);
    if (problems.length > 0)
      throw new Refusal(
        'invalid',
        new WebhookException('invalidCall', problems.flatMap((p) => p.problems).join('; '), problems),
      );
    const run = await this.hooks.transaction(async (tx) => {
      const created = await insertDagRun(tx, hook.tenantId, manualRun(dag, conf));
      const accepted = await this.hooks.accept(tx, {
        ...entry('accepted', 200, `run ${created.runId}`),
        dagRunId: created.id,
      });
      if (!accepted) throw new DuplicateDelivery();
      return created;
    });
    await this.scheduler.add(JOBS.evaluateRun, { tenantId: hook.tenantId, dagRunId: run.id });
    return { outcome: 'accepted', assetEventId: null, dagRunId: run.runId };
  }
}

const notFound = (name: string) => new WebhookException('webhookNotFound', `webhook '${name}' not found`);
