import { MAX_LOG_PAGE_LINES } from '@updraft/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/* eslint-disable @typescript-eslint/no-inferrable-types -- the swagger plugin takes a field's OpenAPI type from its annotation, not its initializer */
/** Which instance's try, and which page of its log: `after` is the `next` of the page before. */
export class TaskLogQuery {
  /** A mapped task's instance; default -1, the task unmapped. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(-1) mapIndex: number = -1;
  /** The `next` of the page before; default: from the first line. */
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be the "next" of an earlier page (digits)' })
  after: string = '0';
  /** At most this many lines in the page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LOG_PAGE_LINES) limit: number = MAX_LOG_PAGE_LINES;
}
