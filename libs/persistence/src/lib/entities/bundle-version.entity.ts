import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BundleStatus = 'pending' | 'parsing' | 'active' | 'failed' | 'superseded';

export interface BundleError {
  file: string;
  line?: number;
  message: string;
}

@Entity('bundle_version')
export class BundleVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) status: BundleStatus;
  @Column({ type: 'bytea', select: false }) archive: Buffer;
  @Column({ name: 'archive_format', type: 'text' }) archiveFormat: 'tar.gz' | 'zip';
  @Column({ name: 'archive_sha256', type: 'text' }) archiveSha256: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) errors: BundleError[];
  @Column({ name: 'dag_ids', type: 'jsonb', default: () => "'[]'" }) dagIds: string[];
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'parsed_at', type: 'timestamptz', nullable: true }) parsedAt: Date | null;
  @Column({ name: 'parse_started_at', type: 'timestamptz', nullable: true }) parseStartedAt: Date | null;
}
