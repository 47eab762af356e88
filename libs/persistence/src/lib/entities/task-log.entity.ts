import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LogStream = 'stdout' | 'stderr' | 'system';

@Entity('task_log')
export class TaskLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'task_instance_id', type: 'uuid' }) taskInstanceId: string;
  @Column({ name: 'try_number', type: 'int' }) tryNumber: number;
  @Column({ type: 'timestamptz' }) timestamp: Date;
  @Column({ type: 'text' }) stream: LogStream;
  @Column({ type: 'text' }) message: string;
}
