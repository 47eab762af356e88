import { IsObject, IsOptional } from 'class-validator';

export class TriggerDagRunDto {
  @IsOptional() @IsObject({ message: 'conf must be a JSON object' }) conf?: Record<string, unknown>;
}
