import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure' | 'error';

/** Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ name: 'actor_email', type: 'text', nullable: true }) actorEmail: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'jsonb' }) target: Record<string, string>;
  @Column({ type: 'text' }) outcome: AuditOutcome;
  @Column({ name: 'status_code', type: 'int' }) statusCode: number;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
}
