import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PaginationQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}

/** A page of rows named by a key; `search` keeps those whose key contains it (any case). */
export class KeySearchQuery extends PaginationQuery {
  @IsOptional() @IsString() @MaxLength(250) search?: string;
}
