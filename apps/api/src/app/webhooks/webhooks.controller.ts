import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiHeader } from '@nestjs/swagger';
import type { WebhookCallResult, WebhookDeliveryPage, WebhookList, WebhookWithSecret } from '@updraft/api-types';
import { CurrentTenant, Public, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { PaginationQuery } from '../../services/http/pagination.dto';
import type { WebhookRequest } from './webhook-body';
import { CreateWebhookDto } from './webhooks.dto';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhooksService } from './webhooks.service';

/** A tenant's webhooks: each accepted call records an asset event or triggers a DAG run. */
@Controller('tenants/:tenant/webhooks')
export class WebhooksController {
  constructor(private readonly hooks: WebhooksService) {}

  /** List webhooks (without their secrets). */
  @Get()
  @RequirePermission(PERMISSIONS.webhooksManage)
  list(@CurrentTenant() tenant: TenantContext): Promise<WebhookList> {
    return this.hooks.list(tenant.id, tenant.slug);
  }

  /** Create a webhook bound to an asset or a DAG; the answer shows its secret, once. */
  @Post()
  @RequirePermission(PERMISSIONS.webhooksManage)
  @ApiErrors({ 404: 'The DAG does not exist.', 409: 'A webhook with that name exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateWebhookDto): Promise<WebhookWithSecret> {
    return this.hooks.create(tenant.id, tenant.slug, body);
  }

  /** Replace a webhook's secret (the old one stops working at once); the answer shows the new one, once. */
  @Post(':name/rotateSecret')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.webhooksManage)
  @ApiErrors({ 404: 'No such webhook.' })
  rotate(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<WebhookWithSecret> {
    return this.hooks.rotate(tenant.id, tenant.slug, name);
  }

  /** Delete a webhook (its call log goes with it). */
  @Delete(':name')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.webhooksManage)
  @ApiErrors({ 404: 'No such webhook.' })
  remove(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<void> {
    return this.hooks.remove(tenant.id, name);
  }

  /** List the calls made to a webhook and their outcomes, newest first. */
  @Get(':name/deliveries')
  @RequirePermission(PERMISSIONS.webhooksManage)
  @ApiErrors({ 404: 'No such webhook.' })
  deliveries(
    @CurrentTenant() tenant: TenantContext,
    @Param('name') name: string,
    @Query() query: PaginationQuery,
  ): Promise<WebhookDeliveryPage> {
    return this.hooks.deliveries(tenant.id, name, query);
  }
}

/** Where outside systems call in: no log-in, the hook's HMAC signature instead. */
@Controller('hooks')
export class WebhookCallsController {
  constructor(private readonly hooks: WebhooksService) {}

  /**
   * Call a webhook: records an event of its asset or triggers a run of its DAG.
   *
   * @remarks
   * Sign `<timestamp>.<raw body>` with HMAC-SHA256 and the hook's secret and send it as
   * `X-Updraft-Signature: sha256=<hex>`, with `X-Updraft-Timestamp` (Unix seconds, within
   * WEBHOOK_TOLERANCE_SECONDS of now) and a unique `X-Updraft-Delivery` id: a delivery id
   * accepted before makes nothing new and answers `duplicate`. Every call is logged with its outcome.
   */
  @Post(':slug/:hook')
  @HttpCode(200)
  @Public()
  @ApiHeader({
    name: SIGNATURE_HEADER,
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">',
  })
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix time in seconds' })
  @ApiHeader({ name: DELIVERY_HEADER, required: true, description: 'unique per delivery (idempotency key)' })
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: true } })
  @ApiErrors({
    400: 'No or a bad delivery id, a body that is not a JSON object, or a conf the DAG refuses.',
    401: 'A bad signature, or a timestamp outside the window.',
    404: 'No such webhook.',
    413: 'The body is larger than WEBHOOK_MAX_BODY_BYTES.',
    429: 'Too many calls to this hook: `Retry-After` says when to try again.',
  })
  call(
    @Param('slug') tenantSlug: string,
    @Param('hook') hookName: string,
    @Req() req: WebhookRequest,
    @Headers(SIGNATURE_HEADER) signature?: string,
    @Headers(TIMESTAMP_HEADER) timestamp?: string,
    @Headers(DELIVERY_HEADER) deliveryId?: string,
  ): Promise<WebhookCallResult> {
    return this.hooks.deliver({ tenantSlug, hookName, body: req.webhookBody, signature, timestamp, deliveryId });
  }
}
