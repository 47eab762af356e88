import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class ListApprovalsQuery extends PaginationQuery {
  /** `pending`, `answered` or `timed_out`. */
  @IsOptional()
  @IsIn(['pending', 'answered', 'timed_out'], { message: 'state must be pending, answered or timed_out' })
  state?: 'pending' | 'answered' | 'timed_out';
  /** `true`: only questions the caller must answer (the "Needs my answer" inbox, with `state=pending`). */
  @IsOptional() @IsIn(['true', 'false'], { message: 'mine must be true or false' }) mine?: 'true' | 'false';
  @IsOptional() @IsString() dagId?: string;
  /** The run id (not encoded); with `dagId`. */
  @IsOptional() @IsString() runId?: string;
}

export class AnswerApprovalDto {
  /** One of the approval's options. @example approve */
  @IsString({ message: 'option must be a string' }) @MaxLength(64) option: string;
  /** Values of the approval's form fields (defaults fill the ones left out). */
  @IsOptional() @IsObject({ message: 'form must be an object' }) form?: Record<string, unknown>;
  /** Where the answer comes from, for the audit log: `console` or `api` (the default). */
  @IsOptional() @IsIn(['console', 'api'], { message: 'via must be console or api' }) via?: 'console' | 'api';
}
