import type { TaskState } from '@updraft/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('task_instance')
export class TaskInstanceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dag_run_id', type: 'uuid' }) dagRunId: string;
  @Column({ name: 'task_id', type: 'text' }) taskId: string;
  @Column({ name: 'map_index', type: 'int', default: -1 }) mapIndex: number;
  @Column({ type: 'text' }) operator: string;
  @Column({ type: 'text' }) state: TaskState;
  @Column({ name: 'try_number', type: 'int', default: 0 }) tryNumber: number;
  @Column({ name: 'max_tries', type: 'int', default: 1 }) maxTries: number;
  @Column({ name: 'priority_weight', type: 'int', default: 1 }) priorityWeight: number;
  @Column({ type: 'text', default: 'default_pool' }) pool: string;
  @Column({ name: 'pool_slots', type: 'int', default: 1 }) poolSlots: number;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt: Date | null;
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true }) queuedAt: Date | null;
  @Column({ name: 'start_date', type: 'timestamptz', nullable: true }) startDate: Date | null;
  @Column({ name: 'end_date', type: 'timestamptz', nullable: true }) endDate: Date | null;
  @Column({ type: 'text', nullable: true }) hostname: string | null;
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true }) heartbeatAt: Date | null;
  @Column({ name: 'next_try_at', type: 'timestamptz', nullable: true }) nextTryAt: Date | null;
  /** A sensor's first check in this try, kept while it is rescheduled (its timeout counts from here). */
  @Column({ name: 'first_poke_at', type: 'timestamptz', nullable: true }) firstPokeAt: Date | null;
}
