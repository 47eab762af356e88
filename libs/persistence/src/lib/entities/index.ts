import { ApiTokenEntity } from './api-token.entity';
import { ConnectionEntity } from './connection.entity';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';
import { VariableEntity } from './variable.entity';
import { BackfillEntity } from './backfill.entity';
import { AuditLogEntity } from './audit-log.entity';
import { AuthSessionEntity, RefreshTokenEntity } from './auth-session.entity';
import { BundleVersionEntity } from './bundle-version.entity';
import { OneTimeTokenEntity } from './one-time-token.entity';
import { DagRunEntity } from './dag-run.entity';
import { DagVersionEntity } from './dag-version.entity';
import { DagEntity } from './dag.entity';
import { MembershipEntity } from './membership.entity';
import { NotificationChannelEntity } from './notification-channel.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { PoolEntity } from './pool.entity';
import { SlaMissEntity } from './sla-miss.entity';
import { TaskInstanceEntity } from './task-instance.entity';
import { TaskLogEntity } from './task-log.entity';
import { TaskTryEntity } from './task-try.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';
import { XComEntity } from './xcom.entity';

export * from './backfill.entity';
export * from './audit-log.entity';
export * from './auth-session.entity';
export * from './bundle-version.entity';
export * from './one-time-token.entity';
export * from './dag-run.entity';
export * from './dag-version.entity';
export * from './dag.entity';
export * from './membership.entity';
export * from './notification-channel.entity';
export * from './notification-delivery.entity';
export * from './pool.entity';
export * from './sla-miss.entity';
export * from './task-instance.entity';
export * from './task-log.entity';
export * from './task-try.entity';
export * from './tenant.entity';
export * from './user.entity';
export * from './xcom.entity';
export * from './api-token.entity';
export * from './connection.entity';
export * from './team-member.entity';
export * from './team.entity';
export * from './variable.entity';

export const ENTITIES = [
  AuthSessionEntity,
  RefreshTokenEntity,
  OneTimeTokenEntity,
  AuditLogEntity,
  TenantEntity,
  UserEntity,
  MembershipEntity,
  BundleVersionEntity,
  DagEntity,
  DagVersionEntity,
  DagRunEntity,
  TaskInstanceEntity,
  TaskTryEntity,
  TaskLogEntity,
  XComEntity,
  PoolEntity,
  TeamEntity,
  TeamMemberEntity,
  ApiTokenEntity,
  VariableEntity,
  ConnectionEntity,
  NotificationChannelEntity,
  NotificationDeliveryEntity,
  SlaMissEntity,
  BackfillEntity,
];
