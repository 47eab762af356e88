import { IsBoolean } from 'class-validator';

export class UpdateDagDto {
  @IsBoolean({ message: 'isPaused must be true or false' }) isPaused: boolean;
}
