import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class AuditLogQuery extends PaginationQuery {
  /** The actor's email or user id. */
  @IsOptional() @IsString() @MaxLength(254) actor?: string;
  /** Exactly as listed, e.g. `POST /auth/login` or `POST /tenants/:tenant/dags/:dagId/dagRuns`. */
  @IsOptional() @IsString() @MaxLength(300) action?: string;
  @IsOptional()
  @IsIn(['success', 'failure', 'error'], { message: 'outcome must be one of success, failure, error' })
  outcome?: 'success' | 'failure' | 'error';
  @IsOptional() @Type(() => Date) @IsDate({ message: 'from must be an ISO 8601 time' }) from?: Date;
  @IsOptional() @Type(() => Date) @IsDate({ message: 'to must be an ISO 8601 time' }) to?: Date;
}
