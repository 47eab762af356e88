import { ROLES, Role } from '@updraft/domain';
import { IsIn } from 'class-validator';

export class ChangeRoleDto {
  @IsIn([...ROLES], { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
}
