import { IsBoolean, IsOptional, IsString, ValidateIf } from 'class-validator';

export class UpdateDagDto {
  @IsOptional() @IsBoolean({ message: 'isPaused must be true or false' }) isPaused?: boolean;
  /** A team name, or null to fall back to the team the DAG's code names. */
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString({ message: 'team must be a team name or null' }) team?: string | null;
}
