import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class SignupDto {
  @Transform(lower) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email: string;
  @IsString() @MinLength(12, { message: 'password must be at least 12 characters' }) @MaxLength(200) password: string;
  @Transform(lower)
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, { message: 'tenantSlug must be 3-40 lowercase letters, digits or hyphens' })
  tenantSlug: string;
  @IsOptional() @IsString() @Length(1, 100) tenantName?: string;
}

export class LoginDto {
  @Transform(lower) @IsEmail({}, { message: 'email must be a valid email address' }) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}
