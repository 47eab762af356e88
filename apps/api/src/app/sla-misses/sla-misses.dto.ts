import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class ListSlaMissesQuery extends PaginationQuery {
  @IsOptional() @IsString() dagId?: string;
  /** The run id (not encoded). */
  @IsOptional() @IsString() runId?: string;
  @IsOptional() @IsString() taskId?: string;
  /** `sla` for task SLA misses, `deadline` for DAG deadline misses. */
  @IsOptional() @IsIn(['sla', 'deadline'], { message: 'kind must be sla or deadline' }) kind?: 'sla' | 'deadline';
  /** Misses detected at or after this time. */
  @IsOptional() @Type(() => Date) @IsDate({ message: 'from must be an ISO 8601 time' }) from?: Date;
  /** Misses detected before this time. */
  @IsOptional() @Type(() => Date) @IsDate({ message: 'to must be an ISO 8601 time' }) to?: Date;
}
