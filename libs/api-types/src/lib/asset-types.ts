import { PageInfo } from './api-types';

/** A task that updates an asset (the asset is one of its outlets). */
export class AssetProducer {
  dagId!: string;
  taskId!: string;
}

/** A DAG scheduled on a condition that names an asset. */
export class AssetConsumer {
  dagId!: string;
  isPaused!: boolean;
  /** The DAG's whole condition, as written: `(s3://a & s3://b)`. */
  condition!: string;
  /** Assets of the condition with events waiting for this DAG. */
  queuedUris!: string[];
  /** Whether those waiting events meet the condition (a run is created at the scheduler's next tick). */
  conditionMet!: boolean;
}

/** An asset of the tenant: one with events, or one its active DAGs name. */
export class Asset {
  uri!: string;
  name!: string;
  group!: string;
  producers!: AssetProducer[];
  consumers!: AssetConsumer[];
  eventCount!: number;
  lastEventAt!: string | null;
}

export class AssetList {
  items!: Asset[];
}

/** An update of an asset: from a task's success, made by hand, or from a webhook. */
export class AssetEvent {
  id!: string;
  uri!: string;
  sourceKind!: 'task' | 'api' | 'webhook';
  sourceDagId!: string | null;
  sourceRunId!: string | null;
  sourceTaskId!: string | null;
  sourceMapIndex!: number | null;
  /** Who made it by hand (their email), or the webhook's name. */
  createdBy!: string | null;
  extra!: Record<string, unknown>;
  createdAt!: string;
}

export class AssetEventPage extends PageInfo {
  items!: AssetEvent[];
}

export class CreateAssetEventRequest {
  uri!: string;
  extra?: Record<string, unknown>;
}

export class CreatedAssetEvent {
  event!: AssetEvent;
  /** The DAGs whose conditions name the asset: the event waits for each of them. */
  queuedFor!: string[];
}

/** An event waiting for a consuming DAG's condition to be met. */
export class QueuedAssetEvent {
  dagId!: string;
  uri!: string;
  assetEventId!: string;
  createdAt!: string;
}

export class QueuedAssetEventList {
  items!: QueuedAssetEvent[];
}

/** A webhook: calls signed with its secret record an asset event or trigger a DAG run. */
export class Webhook {
  name!: string;
  /** Set when the hook records an event of this asset. */
  assetUri!: string | null;
  /** Set when the hook triggers a run of this DAG. */
  dagId!: string | null;
  /** conf key → JSON path into the call's body (`$.order.id`); empty: the body is the conf. */
  confMapping!: Record<string, string>;
  /** Where to send calls: `/api/v1/hooks/{tenant}/{name}`. */
  url!: string;
  secretRotatedAt!: string;
  createdAt!: string;
}

/** A webhook with its secret, shown once: when it is created and when the secret is rotated. */
export class WebhookWithSecret extends Webhook {
  secret!: string;
}

export class WebhookList {
  items!: Webhook[];
}

export class CreateWebhookRequest {
  name!: string;
  assetUri?: string;
  dagId?: string;
  confMapping?: Record<string, string>;
}

/** One call to a webhook and what came of it. */
export class WebhookDelivery {
  id!: string;
  deliveryId!: string | null;
  /** accepted, duplicate, bad_signature, stale_timestamp, too_large, rate_limited, invalid, not_found */
  outcome!: string;
  statusCode!: number;
  message!: string | null;
  bodyBytes!: number;
  assetEventId!: string | null;
  dagRunId!: string | null;
  receivedAt!: string;
}

export class WebhookDeliveryPage extends PageInfo {
  items!: WebhookDelivery[];
}

/** The answer to a webhook call. */
export class WebhookCallResult {
  /** accepted, or duplicate (this delivery id was accepted before: nothing new was made). */
  outcome!: 'accepted' | 'duplicate';
  assetEventId!: string | null;
  dagRunId!: string | null;
}
