import type { SerializedDag } from '@updraft/sdk';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('dag_version')
export class DagVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dag_id', type: 'text' }) dagId: string;
  @Column({ name: 'bundle_version_id', type: 'uuid' }) bundleVersionId: string;
  @Column({ type: 'jsonb' }) serialized: SerializedDag;
  @Column({ type: 'text' }) hash: string;
  @Column({ name: 'entry_file', type: 'text' }) entryFile: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
