import type { CreateAssetEventRequest } from '@updraft/api-types';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../services/http/pagination.dto';

export class AssetEventsQuery extends PaginationQuery {
  /** The asset's URI. @example s3://lake/orders */
  @IsString({ message: 'uri must be a string' }) @MaxLength(1500) uri: string;
}

export class QueuedAssetEventsQuery {
  /** Only the events of this asset. */
  @IsOptional() @IsString() @MaxLength(1500) uri?: string;
  /** Only the events waiting for this DAG. */
  @IsOptional() @IsString() @MaxLength(250) dagId?: string;
}

export class CreateAssetEventDto implements CreateAssetEventRequest {
  /** @example s3://lake/orders */
  @IsString({ message: 'uri must be a string' }) @MaxLength(1500) uri: string;
  /** JSON the consuming runs see with the event. */
  @IsOptional() @IsObject({ message: 'extra must be a JSON object' }) extra?: Record<string, unknown>;
}
