import { MAX_LOG_PAGE_LINES } from '@updraft/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Which instance's try, and which page of its log: `after` is the `next` of the page before. */
export class TaskLogQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(-1) mapIndex = -1;
  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'after must be the "next" of an earlier page (digits)' }) after = '0';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LOG_PAGE_LINES) limit = MAX_LOG_PAGE_LINES;
}
