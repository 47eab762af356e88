import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDate, IsIn, IsISO8601, IsObject, IsOptional, IsString } from 'class-validator';
import { RUN_STATES, RunState, RunType } from '@updraft/domain';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class TriggerDagRunDto {
  /**
   * Values for the DAG's params, checked against their declared types (the run's conf).
   * @example {"region": "eu"}
   */
  @IsOptional() @IsObject({ message: 'conf must be a JSON object' }) conf?: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'The logical date (ISO 8601) and the data interval of the manual run; default: now',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'logicalDate must be an ISO 8601 date-time' })
  logicalDate?: string;
}

export class ListDagRunsQuery extends PaginationQuery {
  @IsOptional() @IsIn([...RUN_STATES], { message: `state must be one of ${RUN_STATES.join(', ')}` }) state?: RunState;
  @IsOptional()
  @IsIn(['manual', 'scheduled', 'backfill', 'asset_triggered'], {
    message: 'runType must be one of manual, scheduled, backfill, asset_triggered',
  })
  runType?: RunType;
  /** Runs whose logical date is at or after this instant (ISO 8601). */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'logicalDateFrom must be an ISO 8601 date' })
  logicalDateFrom?: Date;
  /** Runs whose logical date is before this instant (ISO 8601). */
  @IsOptional() @Type(() => Date) @IsDate({ message: 'logicalDateTo must be an ISO 8601 date' }) logicalDateTo?: Date;
}

/** Mark a run (or a task instance) success or failed; marking a run failed cancels it. */
export class MarkStateDto {
  @ApiProperty({ enum: ['success', 'failed'] })
  @IsIn(['success', 'failed'], { message: 'state must be success or failed' })
  state: 'success' | 'failed';
  @ApiPropertyOptional({ description: 'List the task instances the mark would change, and change nothing' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be a boolean' })
  dryRun?: boolean;
}

export class ClearTaskInstancesDto {
  /**
   * Clear only these tasks (with their relatives as asked); default: every task of the run.
   * @example ["clean_the_data"]
   */
  @IsOptional() @IsArray() @IsString({ each: true }) taskIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() downstream?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() upstream?: boolean;
  @ApiPropertyOptional({ description: 'Only failed and upstream_failed instances' })
  @IsOptional()
  @IsBoolean()
  onlyFailed?: boolean;
  @ApiPropertyOptional({ description: 'List the task instances that would be cleared, and clear nothing' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be a boolean' })
  dryRun?: boolean;
}
