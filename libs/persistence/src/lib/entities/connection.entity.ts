import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `password` is ciphertext (SecretBox). */
@Entity('connection')
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'conn_id', type: 'text' }) connId: string;
  @Column({ name: 'conn_type', type: 'text' }) connType: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) host: string | null;
  @Column({ type: 'int', nullable: true }) port: number | null;
  @Column({ type: 'text', nullable: true }) login: string | null;
  @Column({ type: 'text', nullable: true }) password: string | null;
  @Column({ type: 'text', nullable: true }) schema: string | null;
  @Column({ type: 'jsonb', default: {} }) extra: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
