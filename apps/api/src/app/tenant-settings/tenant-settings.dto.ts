import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class UpdateTenantSettingsDto {
  @ApiProperty({
    description: 'The tenant’s display name (its slug never changes)',
    example: 'Acme Data',
    maxLength: 100,
  })
  @IsString({ message: 'name must be a string' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100, { message: 'name may be at most 100 characters' })
  name: string;
}
