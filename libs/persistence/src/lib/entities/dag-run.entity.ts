import type { RunState, RunType } from '@updraft/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('dag_run')
export class DagRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dag_id', type: 'text' }) dagId: string;
  @Column({ name: 'dag_version_id', type: 'uuid' }) dagVersionId: string;
  @Column({ name: 'run_id', type: 'text' }) runId: string;
  @Column({ name: 'run_type', type: 'text' }) runType: RunType;
  @Column({ type: 'text' }) state: RunState;
  @Column({ name: 'logical_date', type: 'timestamptz' }) logicalDate: Date;
  @Column({ name: 'data_interval_start', type: 'timestamptz' }) dataIntervalStart: Date;
  @Column({ name: 'data_interval_end', type: 'timestamptz' }) dataIntervalEnd: Date;
  @Column({ type: 'jsonb', default: () => "'{}'" }) conf: Record<string, unknown>;
  /** The W3C trace context the run was created in (null: not traced). */
  @Column({ name: 'trace_context', type: 'jsonb', nullable: true }) traceContext: Record<string, string> | null;
  @Column({ name: 'queued_at', type: 'timestamptz' }) queuedAt: Date;
  /** The DAG version's maxActiveTasks, read by the dispatcher without the serialized DAG. */
  @Column({ name: 'max_active_tasks', type: 'int', default: 16 }) maxActiveTasks: number;
  @Column({ name: 'start_date', type: 'timestamptz', nullable: true }) startDate: Date | null;
  @Column({ name: 'end_date', type: 'timestamptz', nullable: true }) endDate: Date | null;
  /** The backfill that created (or reprocessed) this run. */
  @Column({ name: 'backfill_id', type: 'uuid', nullable: true }) backfillId: string | null;
}
