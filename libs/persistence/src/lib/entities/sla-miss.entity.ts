import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A task that missed its SLA (`taskId` set) or a run that missed its DAG's deadline (`taskId` null); one row per miss. */
@Entity('sla_miss')
export class SlaMissEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dag_id', type: 'text' }) dagId: string;
  @Column({ name: 'dag_run_id', type: 'uuid' }) dagRunId: string;
  @Column({ name: 'task_id', type: 'text', nullable: true }) taskId: string | null;
  @Column({ name: 'expected_at', type: 'timestamptz' }) expectedAt: Date;
  @Column({ name: 'detected_at', type: 'timestamptz' }) detectedAt: Date;
  /** When the task (or run) ended, if it had when the miss was recorded. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true }) notifiedAt: Date | null;
}
