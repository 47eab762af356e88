import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A request to run a DAG over a past date range; its runs (type `backfill`) point back to it. */
@Entity('backfill')
export class BackfillEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dag_id', type: 'text' }) dagId: string;
  @Column({ name: 'from_date', type: 'timestamptz' }) fromDate: Date;
  @Column({ name: 'to_date', type: 'timestamptz' }) toDate: Date;
  @Column({ type: 'boolean', default: false }) reprocess: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
