import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class CreateBackfillDto {
  @ApiProperty({ description: 'First logical date (ISO 8601), included' })
  @IsISO8601({}, { message: 'from must be an ISO 8601 date or date-time' })
  from: string;
  @ApiProperty({ description: 'Last logical date (ISO 8601), included' })
  @IsISO8601({}, { message: 'to must be an ISO 8601 date or date-time' })
  to: string;
  @ApiPropertyOptional({ description: 'Clear and run again the finished runs already in the range' })
  @IsOptional()
  @IsBoolean({ message: 'reprocess must be a boolean' })
  reprocess?: boolean;
  @ApiPropertyOptional({
    description: 'Answer with the logical dates it would create, reprocess and skip, and create nothing',
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be a boolean' })
  dryRun?: boolean;
}
