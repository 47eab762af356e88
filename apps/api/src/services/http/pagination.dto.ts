import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/* eslint-disable @typescript-eslint/no-inferrable-types -- the swagger plugin takes a field's OpenAPI type from its annotation, not its initializer */
export class PaginationQuery {
  /** How many items to return. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 50;
  /** How many items to skip. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset: number = 0;
}

/** A page of rows named by a key; `search` keeps those whose key contains it (any case). */
export class KeySearchQuery extends PaginationQuery {
  /** Only the rows whose key contains this (any case). */
  @IsOptional() @IsString() @MaxLength(250) search?: string;
}
