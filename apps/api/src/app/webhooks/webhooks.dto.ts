import type { CreateWebhookRequest } from '@updraft/api-types';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateWebhookDto implements CreateWebhookRequest {
  /** @example orders-landed */
  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'name may hold 1 to 100 letters, digits, _ . -' }) name: string;
  /** Each accepted call records an event of this asset (give this or dagId). @example s3://lake/orders */
  @IsOptional() @IsString({ message: 'assetUri must be a string' }) @MaxLength(1500) assetUri?: string;
  /** Each accepted call triggers a run of this DAG (give this or assetUri). */
  @IsOptional() @IsString({ message: 'dagId must be a string' }) @MaxLength(250) dagId?: string;
  /** conf key → JSON path into the call's body (`$.order.id`); without it the body is the conf. */
  @IsOptional() @IsObject({ message: 'confMapping must be an object of JSON paths' }) confMapping?: Record<
    string,
    string
  >;
}
