import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { passwordProblem, Role, ROLES } from '@updraft/domain';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const EMAIL_MESSAGE = { message: 'email must be a valid email address' };
const TOKEN_MESSAGE = { message: 'token must be the token from the mail' };

/** The password rules of libs/domain (length, common passwords, not the email), with the rule broken as the message. */
function IsAcceptablePassword() {
  return (object: object, propertyName: string) => {
    const problem = (args: ValidationArguments) =>
      typeof args.value === 'string'
        ? passwordProblem(args.value, (args.object as { email?: unknown }).email as string | undefined)
        : 'password must be a string';
    registerDecorator({
      name: 'acceptablePassword',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (_: unknown, args: ValidationArguments) => problem(args) === null,
        defaultMessage: (args: ValidationArguments) => problem(args) ?? '',
      },
    });
  };
}

export class SignupDto {
  /** @example ada@example.com */
  @Transform(lower) @IsEmail({}, EMAIL_MESSAGE) @MaxLength(254) email: string;
  /** At least 12 characters, not a common password, not the email. */
  @IsAcceptablePassword() password: string;
  /** @example acme */
  @Transform(lower)
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, {
    message: 'tenantSlug must be 3-40 lowercase letters, digits or hyphens',
  })
  tenantSlug: string;
  /** @example Acme Data */
  @IsOptional() @IsString() @Length(1, 100) tenantName?: string;
}

export class LoginDto {
  /** @example ada@example.com */
  @Transform(lower) @IsEmail({}, EMAIL_MESSAGE) @MaxLength(254) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class RefreshDto {
  @IsString() @Length(20, 200, { message: 'refreshToken must be the refresh token from log-in' }) refreshToken: string;
}

export class EmailDto {
  @Transform(lower) @IsEmail({}, EMAIL_MESSAGE) @MaxLength(254) email: string;
}

export class TokenDto {
  @IsString() @Length(20, 200, TOKEN_MESSAGE) token: string;
}

export class ResetPasswordDto extends TokenDto {
  @IsString() @MaxLength(200) password: string;
}

export class AcceptInvitationDto extends TokenDto {
  /** Needed only when the invited address has no account yet. */
  @IsOptional() @IsString() @MaxLength(200) password?: string;
}

export class InviteDto {
  @Transform(lower) @IsEmail({}, EMAIL_MESSAGE) @MaxLength(254) email: string;
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
}

export class ChangePasswordDto {
  @IsString() @MinLength(1) @MaxLength(200) currentPassword: string;
  @IsString() @MaxLength(200) newPassword: string;
}
