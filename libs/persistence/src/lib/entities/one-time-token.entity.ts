import type { Role } from '@updraft/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `failed`: an attempt failed and another follows; `abandoned`: the last attempt failed. */
export type MailStatus = 'queued' | 'sent' | 'failed' | 'abandoned';

export type OneTimeTokenPurpose = 'verify_email' | 'reset_password' | 'invitation';

/** A token sent by mail (stored as its SHA-256 only), good once until it expires. */
@Entity('one_time_token')
export class OneTimeTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) purpose: OneTimeTokenPurpose;
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash: string;
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column({ type: 'text', nullable: true }) role: Role | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ name: 'mail_status', type: 'text', default: 'queued' }) mailStatus: MailStatus;
  @Column({ name: 'mail_attempts', type: 'int', default: 0 }) mailAttempts: number;
  @Column({ name: 'mail_error', type: 'text', nullable: true }) mailError: string | null;
  @Column({ name: 'mail_sent_at', type: 'timestamptz', nullable: true }) mailSentAt: Date | null;
}
