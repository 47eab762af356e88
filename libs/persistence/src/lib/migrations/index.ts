import { InitialSchema1732400000000 } from './1732400000000-initial-schema';
import { AccountsSessionsAudit1732410000000 } from './1732410000000-accounts-sessions-audit';
import { TeamsTokensVariablesConnections1732420000000 } from './1732420000000-teams-tokens-variables-connections';
import { PoolsAndDispatch1732430000000 } from './1732430000000-pools-and-dispatch';
import { MappingSensorsBackfill1732440000000 } from './1732440000000-mapping-sensors-backfill';
import { NotificationsAndSla1732450000000 } from './1732450000000-notifications-and-sla';
import { HandOffIndexes1732460000000 } from './1732460000000-hand-off-indexes';
import { DispatchSnapshotFunction1732470000000 } from './1732470000000-dispatch-snapshot-function';
import { DispatchSnapshotGenericPlan1732480000000 } from './1732480000000-dispatch-snapshot-generic-plan';
import { WorkerCapacity1732490000000 } from './1732490000000-worker-capacity';
import { DispatchInOneRoundTrip1732500000000 } from './1732500000000-dispatch-in-one-round-trip';
import { EndTriesWithHandOff1732510000000 } from './1732510000000-end-tries-with-hand-off';
import { HeadroomForOtherTenants1732520000000 } from './1732520000000-headroom-for-other-tenants';
import { FairParsingAndLogNotices1732540000000 } from './1732540000000-fair-parsing-and-log-notices';
import { AccountMailDelivery1732600000000 } from './1732600000000-account-mail-delivery';
import { RepeatableSqlFunctions1733000000000 } from './1733000000000-repeatable-sql-functions';
import { AssetsAndWebhooks1734100000000 } from './1734100000000-assets-and-webhooks';
import { ActionLinks1734200000000 } from './1734200000000-action-links';
import { Approvals1734210000000 } from './1734210000000-approvals';
import { Incidents1734300000000 } from './1734300000000-incidents';
import { SchedulingAtScale1734400000000 } from './1734400000000-scheduling-at-scale';
import { TenantRetention1734410000000 } from './1734410000000-tenant-retention';
import { RunTraceContext1734600000000 } from './1734600000000-run-trace-context';

export const MIGRATIONS = [
  InitialSchema1732400000000,
  AccountsSessionsAudit1732410000000,
  TeamsTokensVariablesConnections1732420000000,
  PoolsAndDispatch1732430000000,
  MappingSensorsBackfill1732440000000,
  NotificationsAndSla1732450000000,
  HandOffIndexes1732460000000,
  DispatchSnapshotFunction1732470000000,
  DispatchSnapshotGenericPlan1732480000000,
  WorkerCapacity1732490000000,
  DispatchInOneRoundTrip1732500000000,
  EndTriesWithHandOff1732510000000,
  HeadroomForOtherTenants1732520000000,
  FairParsingAndLogNotices1732540000000,
  AccountMailDelivery1732600000000,
  RepeatableSqlFunctions1733000000000,
  AssetsAndWebhooks1734100000000,
  ActionLinks1734200000000,
  Approvals1734210000000,
  Incidents1734300000000,
  SchedulingAtScale1734400000000,
  TenantRetention1734410000000,
  RunTraceContext1734600000000,
];
