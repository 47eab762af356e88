import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

const TYPES = ['email', 'slack'] as const;
const STATUSES = ['sent', 'failed', 'abandoned'] as const;
const KINDS = [
  'sla_miss',
  'deadline_miss',
  'on_failure',
  'on_retry',
  'on_success',
  'incident',
  'incident_escalation',
  'test',
] as const;

export class CreateChannelDto {
  @IsString() name: string;
  @IsIn(TYPES, { message: `type must be one of ${TYPES.join(', ')}` }) type: (typeof TYPES)[number];
  @IsOptional() @IsBoolean() isDefault?: boolean;
  @IsObject({ message: 'config must be an object' }) config: Record<string, unknown>;
}

export class UpdateChannelDto {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsIn(TYPES, { message: `type must be one of ${TYPES.join(', ')}` }) type?: (typeof TYPES)[number];
  @IsOptional() @IsBoolean() isDefault?: boolean;
  @IsOptional() @IsObject({ message: 'config must be an object' }) config?: Record<string, unknown>;
}

export class ListDeliveriesQuery extends PaginationQuery {
  @IsOptional() @IsUUID('all', { message: 'channelId must be a channel id (UUID)' }) channelId?: string;
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: (typeof STATUSES)[number];
  @IsOptional() @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }) kind?: string;
  /** The deliveries of one notification, e.g. an SLA miss's `notificationKey`. */
  @IsOptional() @IsString() @MaxLength(300) notificationKey?: string;
}
