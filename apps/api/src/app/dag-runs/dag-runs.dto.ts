import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDate, IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { RUN_STATES, RunState, RunType } from '@updraft/domain';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class TriggerDagRunDto {
  @IsOptional() @IsObject({ message: 'conf must be a JSON object' }) conf?: Record<string, unknown>;
}

export class ListDagRunsQuery extends PaginationQuery {
  @IsOptional() @IsIn([...RUN_STATES], { message: `state must be one of ${RUN_STATES.join(', ')}` }) state?: RunState;
  @IsOptional() @IsIn(['manual', 'scheduled', 'backfill'], { message: 'runType must be one of manual, scheduled, backfill' }) runType?: RunType;
  /** Runs whose logical date is at or after this instant (ISO 8601). */
  @IsOptional() @Type(() => Date) @IsDate({ message: 'logicalDateFrom must be an ISO 8601 date' }) logicalDateFrom?: Date;
  /** Runs whose logical date is before this instant (ISO 8601). */
  @IsOptional() @Type(() => Date) @IsDate({ message: 'logicalDateTo must be an ISO 8601 date' }) logicalDateTo?: Date;
}

/** Mark a run (or a task instance) success or failed; marking a run failed cancels it. */
export class MarkStateDto {
  @IsIn(['success', 'failed'], { message: 'state must be success or failed' }) state: 'success' | 'failed';
}

export class ClearTaskInstancesDto {
  @IsOptional() @IsArray() @IsString({ each: true }) taskIds?: string[];
  @IsOptional() @IsBoolean() downstream?: boolean;
  @IsOptional() @IsBoolean() upstream?: boolean;
  @IsOptional() @IsBoolean() onlyFailed?: boolean;
}
