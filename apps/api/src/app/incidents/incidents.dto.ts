import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class ListIncidentsQuery extends PaginationQuery {
  /** `unresolved` is open or acknowledged. */
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved', 'unresolved'], {
    message: 'state must be open, acknowledged, resolved or unresolved',
  })
  state?: 'open' | 'acknowledged' | 'resolved' | 'unresolved';
  @IsOptional() @IsString() dagId?: string;
  @IsOptional()
  @IsIn(['critical', 'high', 'low'], { message: 'severity must be critical, high or low' })
  severity?: 'critical' | 'high' | 'low';
  @IsOptional()
  @IsIn(['sla', 'deadline', 'failure'], { message: 'rule must be sla, deadline or failure' })
  rule?: 'sla' | 'deadline' | 'failure';
}

export class ResolveIncidentDto {
  /** Why or how it was resolved; goes on the timeline. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class IncidentNoteDto {
  @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(2000) text!: string;
}
