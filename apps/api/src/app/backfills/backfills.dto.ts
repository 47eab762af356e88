import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class CreateBackfillDto {
  @IsISO8601({}, { message: 'from must be an ISO 8601 date or date-time' }) from: string;
  @IsISO8601({}, { message: 'to must be an ISO 8601 date or date-time' }) to: string;
  @IsOptional() @IsBoolean({ message: 'reprocess must be a boolean' }) reprocess?: boolean;
}
