import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const KEY_PATTERN = /^[A-Za-z0-9_.-]{1,250}$/;
const KEY_RULE = 'may hold 1 to 250 letters, digits, _ . -';
const MAX_VALUE = 65_536;

export class CreateVariableDto {
  /** @example region */
  @Matches(KEY_PATTERN, { message: `key ${KEY_RULE}` }) key: string;
  @IsString({ message: 'value must be a string' })
  @MaxLength(MAX_VALUE, { message: `value may be at most ${MAX_VALUE} characters` })
  value: string;
  @IsOptional() @IsBoolean({ message: 'isSecret must be true or false' }) isSecret?: boolean;
  @IsOptional() @IsString({ message: 'description must be a string' }) @MaxLength(1_000) description?: string | null;
}

export class UpdateVariableDto {
  @IsOptional()
  @IsString({ message: 'value must be a string' })
  @MaxLength(MAX_VALUE, { message: `value may be at most ${MAX_VALUE} characters` })
  value?: string;
  @IsOptional() @IsBoolean({ message: 'isSecret must be true or false' }) isSecret?: boolean;
  @IsOptional() @IsString({ message: 'description must be a string' }) @MaxLength(1_000) description?: string | null;
}
