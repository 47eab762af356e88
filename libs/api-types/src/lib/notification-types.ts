/** Notification channels, their delivery log and SLA misses (docs/alerts.md). */

export type NotificationChannelType = 'email' | 'slack';

export interface NotificationChannelInput {
  name: string;
  type: NotificationChannelType;
  /** Default channels get SLA and deadline alerts of DAGs that name no channel. */
  isDefault?: boolean;
  /** email: `addresses`, `from?`, `smtpUrl?` (secret). slack: `botToken` (secret) with `channel`, or `webhookUrl` (secret). */
  config: Record<string, unknown>;
}

export interface NotificationChannel {
  id: string;
  name: string;
  type: NotificationChannelType;
  isDefault: boolean;
  /** Secrets show as `********`; sending that value back keeps the stored secret. */
  config: Record<string, unknown>;
  /** True once a notification was given up on after every retry; cleared by the next success or a change. */
  failing: boolean;
  failingSince: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelTestResult {
  delivered: boolean;
  error: string | null;
}

export type NotificationDeliveryStatus = 'sent' | 'failed' | 'abandoned';

export interface NotificationDelivery {
  id: string;
  channelId: string;
  notificationKey: string;
  kind: string;
  subject: string;
  status: NotificationDeliveryStatus;
  attempt: number;
  error: string | null;
  createdAt: string;
}

export interface SlaMiss {
  id: string;
  dagId: string;
  runId: string;
  /** Null for a DAG deadline miss. */
  taskId: string | null;
  kind: 'sla' | 'deadline';
  expectedAt: string;
  detectedAt: string;
  finishedAt: string | null;
  notifiedAt: string | null;
  lateByMs: number;
  /** Its alerts' deliveries: `GET notificationDeliveries?notificationKey=…`. */
  notificationKey: string;
}
