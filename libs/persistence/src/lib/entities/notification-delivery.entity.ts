import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `failed`: this attempt failed and another follows; `abandoned`: the last attempt failed. */
export type DeliveryStatus = 'sent' | 'failed' | 'abandoned';

/** One attempt to deliver one notification to one channel. */
@Entity('notification_delivery')
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'channel_id', type: 'uuid' }) channelId: string;
  @Column({ name: 'notification_key', type: 'text' }) notificationKey: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) status: DeliveryStatus;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
