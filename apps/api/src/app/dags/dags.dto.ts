import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAG_SORTS, DagSort } from '@updraft/api-types';
import { RUN_STATES, RunState } from '@updraft/domain';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class UpdateDagDto {
  @IsOptional() @IsBoolean({ message: 'isPaused must be true or false' }) isPaused?: boolean;
  /** A team name, or null to fall back to the team the DAG's code names. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString({ message: 'team must be a team name or null' })
  team?: string | null;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export const MAX_RECENT_RUNS = 25;

export class ListDagsQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Part of the DAG id or description, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @ApiPropertyOptional({ description: 'Comma-separated tags; DAGs carrying any of them' })
  @IsOptional()
  @Transform(toList)
  @IsString({ each: true, message: 'tags must be a comma-separated list' })
  tags?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() team?: string;

  @ApiPropertyOptional({ description: 'DAGs with a task of this owner' }) @IsOptional() @IsString() owner?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'paused must be true or false' })
  paused?: boolean;

  @ApiPropertyOptional({ enum: RUN_STATES })
  @IsOptional()
  @IsIn([...RUN_STATES], { message: `lastRunState must be one of ${RUN_STATES.join(', ')}` })
  lastRunState?: RunState;

  @ApiPropertyOptional({ enum: DAG_SORTS })
  @IsOptional()
  @IsIn([...DAG_SORTS], { message: `sort must be one of ${DAG_SORTS.join(', ')}` })
  sort?: DagSort;

  @ApiPropertyOptional({
    description: `How many of each DAG's newest runs to include (0-${MAX_RECENT_RUNS})`,
    default: 0,
    type: Number,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'recentRuns must be a whole number' })
  @Min(0)
  @Max(MAX_RECENT_RUNS, { message: `recentRuns must be at most ${MAX_RECENT_RUNS}` })
  recentRuns = 0;
}

export const MAX_GRID_RUNS = 100;

export class GridQuery {
  @ApiPropertyOptional({ description: `How many of the newest runs (1-${MAX_GRID_RUNS})`, default: 25, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'runs must be a whole number' })
  @Min(1, { message: 'runs must be at least 1' })
  @Max(MAX_GRID_RUNS, { message: `runs must be at most ${MAX_GRID_RUNS}` })
  runs = 25;
}

export class DagSourceQuery {
  @ApiPropertyOptional({ description: 'Show the source at the DAG version this run pinned' })
  @IsOptional()
  @IsString()
  runId?: string;

  @ApiPropertyOptional({ description: 'Show the source at this DAG version (an id from the versions list)' })
  @IsOptional()
  @IsUUID('all', { message: 'versionId must be a DAG version id' })
  versionId?: string;
}

export class VersionDiffQuery {
  @ApiProperty({ description: 'The older DAG version id' })
  @IsUUID('all', { message: 'from must be a DAG version id' })
  from!: string;

  @ApiProperty({ description: 'The newer DAG version id' })
  @IsUUID('all', { message: 'to must be a DAG version id' })
  to!: string;
}
