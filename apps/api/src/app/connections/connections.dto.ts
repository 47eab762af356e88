import { IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { KEY_PATTERN } from '../variables/variables.dto';

const TYPE_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

export class UpdateConnectionDto {
  @IsOptional()
  @Matches(TYPE_PATTERN, { message: 'connType must be a lower-case name such as postgres or http' })
  connType?: string;
  @IsOptional() @IsString() @MaxLength(1_000) description?: string | null;
  @IsOptional() @IsString({ message: 'host must be a string' }) @MaxLength(500) host?: string | null;
  @IsOptional()
  @IsInt({ message: 'port must be a whole number' })
  @Min(1, { message: 'port must be 1 to 65535' })
  @Max(65_535, { message: 'port must be 1 to 65535' })
  port?: number | null;
  @IsOptional() @IsString({ message: 'login must be a string' }) @MaxLength(500) login?: string | null;
  /** Omitted: keep the stored password; null: remove it. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString({ message: 'password must be a string' })
  @MaxLength(4_096)
  password?: string | null;
  @IsOptional() @IsString({ message: 'schema must be a string' }) @MaxLength(500) schema?: string | null;
  @IsOptional() @IsObject({ message: 'extra must be a JSON object' }) extra?: Record<string, unknown>;
}

export class CreateConnectionDto extends UpdateConnectionDto {
  @Matches(KEY_PATTERN, { message: 'connId may hold 1 to 250 letters, digits, _ . -' }) connId: string;
  @Matches(TYPE_PATTERN, { message: 'connType must be a lower-case name such as postgres or http' })
  declare connType: string;
}
