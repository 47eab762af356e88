import type { TaskState } from '@updraft/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One attempt at a task instance: when, where, and how it ended. */
@Entity('task_try')
export class TaskTryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'task_instance_id', type: 'uuid' }) taskInstanceId: string;
  @Column({ name: 'try_number', type: 'int' }) tryNumber: number;
  @Column({ type: 'text', nullable: true }) hostname: string | null;
  @Column({ type: 'text', nullable: true }) state: TaskState | null;
  @Column({ name: 'exit_reason', type: 'text', nullable: true }) exitReason: string | null;
  @Column({ name: 'start_date', type: 'timestamptz' }) startDate: Date;
  @Column({ name: 'end_date', type: 'timestamptz', nullable: true }) endDate: Date | null;
}
