import { TOKEN_SCOPES, TokenScope } from '@updraft/domain';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const MAX_TOKEN_DAYS = 366;

export class CreateApiTokenDto {
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name may be at most 100 characters' })
  name: string;
  @IsArray({ message: 'scopes must be a list' })
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @IsIn([...TOKEN_SCOPES], { each: true, message: `each scope must be one of ${TOKEN_SCOPES.join(', ')}` })
  scopes: TokenScope[];
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number' })
  @Min(1, { message: `expiresInDays must be 1 to ${MAX_TOKEN_DAYS}` })
  @Max(MAX_TOKEN_DAYS, { message: `expiresInDays must be 1 to ${MAX_TOKEN_DAYS}` })
  expiresInDays?: number;
}
