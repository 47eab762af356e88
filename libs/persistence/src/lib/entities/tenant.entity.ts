import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tenant')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) slug: string;
  @Column({ type: 'text' }) name: string;
  /** Overrides TENANT_MAX_RUNNING_TASKS for this tenant; null means the platform default. */
  @Column({ name: 'max_running_tasks', type: 'int', nullable: true }) maxRunningTasks: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
