import type { Role } from '@updraft/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
}
