import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannelType = 'email' | 'slack';

/** Where a tenant's alerts go. `settings` holds what may be shown; `secrets` is a SecretBox ciphertext of the rest. */
@Entity('notification_channel')
export class NotificationChannelEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: NotificationChannelType;
  @Column({ name: 'is_default', type: 'boolean', default: false }) isDefault: boolean;
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) secrets: string | null;
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
