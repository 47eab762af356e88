// The `*.sql` module declaration must reach every program that compiles this file (the apps too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./sql-files.d.ts" />
import updraftClaim from './functions/updraft_claim.sql';
import updraftDispatch from './functions/updraft_dispatch.sql';
import updraftDispatchSnapshot from './functions/updraft_dispatch_snapshot.sql';
import updraftEndTries from './functions/updraft_end_tries.sql';
import updraftRecordDueSlaMisses from './functions/updraft_record_due_sla_misses.sql';
import updraftRecordIncidentSignals from './functions/updraft_record_incident_signals.sql';
import updraftResolveIncidentsAfterSuccess from './functions/updraft_resolve_incidents_after_success.sql';
import updraftSelectForDispatch from './functions/updraft_select_for_dispatch.sql';
import updraftSelectSharingHeadroom from './functions/updraft_select_sharing_headroom.sql';

export interface SqlFunction {
  /** The file's name without `.sql`: the function it defines. */
  name: string;
  /** The file's text: a header comment, then one CREATE OR REPLACE FUNCTION. */
  sql: string;
}

/**
 * The engine's policy in PostgreSQL, one function per file under ./functions. They are not
 * migrations: `applySqlFunctions` re-creates each one whose text changed, after the migrations.
 * Change a policy by editing its file; never copy it into a migration.
 */
export const SQL_FUNCTIONS: readonly SqlFunction[] = [
  { name: 'updraft_claim', sql: updraftClaim },
  { name: 'updraft_dispatch_snapshot', sql: updraftDispatchSnapshot },
  { name: 'updraft_select_for_dispatch', sql: updraftSelectForDispatch },
  { name: 'updraft_select_sharing_headroom', sql: updraftSelectSharingHeadroom },
  { name: 'updraft_dispatch', sql: updraftDispatch },
  { name: 'updraft_end_tries', sql: updraftEndTries },
  { name: 'updraft_record_due_sla_misses', sql: updraftRecordDueSlaMisses },
  { name: 'updraft_record_incident_signals', sql: updraftRecordIncidentSignals },
  { name: 'updraft_resolve_incidents_after_success', sql: updraftResolveIncidentsAfterSuccess },
];
