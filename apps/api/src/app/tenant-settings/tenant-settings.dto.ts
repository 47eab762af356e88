import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class UpdateTenantSettingsDto {
  @ApiProperty({
    description: 'The tenant’s display name (its slug never changes)',
    example: 'Acme Data',
    maxLength: 100,
  })
  @IsString({ message: 'name must be a string' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100, { message: 'name may be at most 100 characters' })
  name: string;
}

const MAX_RETENTION_DAYS = 3650;

/** Days to keep one kind of data: a whole number 1-3650, or null (absent) for the platform default. */
function RetentionDays(field: string, what: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `Days to keep ${what}; null or absent: the platform default`,
      type: Number,
      nullable: true,
      minimum: 1,
      maximum: MAX_RETENTION_DAYS,
    }),
    IsOptional(),
    IsInt({ message: `${field} must be a whole number of days` }),
    Min(1, { message: `${field} must be at least 1` }),
    Max(MAX_RETENTION_DAYS, { message: `${field} may be at most ${MAX_RETENTION_DAYS}` }),
  );
}

/** The tenant's retention, all four at once: a field left out (or null) goes back to the platform default. */
export class UpdateTenantRetentionDto {
  @RetentionDays('runsDays', 'finished runs with their task instances, tries, logs and XComs')
  runsDays?: number | null;

  @RetentionDays('logsDays', 'log lines of finished runs')
  logsDays?: number | null;

  @RetentionDays('xcomDays', 'XComs of finished runs')
  xcomDays?: number | null;

  @RetentionDays('auditLogDays', 'audit log entries')
  auditLogDays?: number | null;
}
