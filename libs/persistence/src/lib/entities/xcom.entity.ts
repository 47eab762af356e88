import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('xcom')
export class XComEntity {
  @PrimaryColumn({ name: 'dag_run_id', type: 'uuid' }) dagRunId: string;
  @PrimaryColumn({ name: 'task_id', type: 'text' }) taskId: string;
  @PrimaryColumn({ name: 'map_index', type: 'int' }) mapIndex: number;
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'jsonb' }) value: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
