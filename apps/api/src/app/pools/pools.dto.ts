import type { CreatePoolRequest, UpdatePoolRequest } from '@updraft/api-types';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,250}$/;
const MAX_SLOTS = 100_000;

export class CreatePoolDto implements CreatePoolRequest {
  /** @example db */
  @Matches(NAME_PATTERN, { message: 'name may hold 1 to 250 letters, digits, _ . -' }) name: string;
  /** @example 4 */
  @IsInt({ message: 'slots must be a whole number' })
  @Min(0, { message: 'slots must be 0 or more' })
  @Max(MAX_SLOTS, { message: `slots may be at most ${MAX_SLOTS}` })
  slots: number;
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(1_000, { message: 'description may be at most 1000 characters' })
  description?: string;
}

export class UpdatePoolDto implements UpdatePoolRequest {
  @IsOptional()
  @IsInt({ message: 'slots must be a whole number' })
  @Min(0, { message: 'slots must be 0 or more' })
  @Max(MAX_SLOTS, { message: `slots may be at most ${MAX_SLOTS}` })
  slots?: number;
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(1_000, { message: 'description may be at most 1000 characters' })
  description?: string;
}
