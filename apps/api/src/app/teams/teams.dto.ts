import { TEAM_ROLES, TeamRole } from '@updraft/domain';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const TEAM_NAME_RULE = 'name must be 1 to 63 letters, digits, _ . - (starting with a letter or digit)';

export class CreateTeamDto {
  @Matches(TEAM_NAME, { message: TEAM_NAME_RULE }) name: string;
  @IsOptional() @IsString() @MaxLength(1_000) description?: string | null;
}

export class UpdateTeamDto {
  @IsOptional() @Matches(TEAM_NAME, { message: TEAM_NAME_RULE }) name?: string;
  @IsOptional() @IsString() @MaxLength(1_000) description?: string | null;
}

export class SetTeamMemberDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
  @IsIn([...TEAM_ROLES], { message: `role must be one of ${TEAM_ROLES.join(', ')}` }) role: TeamRole;
}
