import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('dag')
export class DagEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ name: 'dag_id', type: 'text' }) dagId: string;
  @Column({ name: 'bundle_name', type: 'text' }) bundleName: string;
  @Column({ name: 'current_version_id', type: 'uuid' }) currentVersionId: string;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive: boolean;
  @Column({ name: 'is_paused', type: 'boolean', default: false }) isPaused: boolean;
  /** Assigned through the API; overrides the team the DAG's code names. */
  @Column({ type: 'text', nullable: true }) team: string | null;
  @Column({ name: 'next_dagrun_at', type: 'timestamptz', nullable: true }) nextDagrunAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
