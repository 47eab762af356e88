import type { Role, RunState, RunType, TaskState } from '@updraft/domain';

/**
 * The shapes the REST API answers with. They are classes so that the api's OpenAPI document is generated
 * from them (the `@nestjs/swagger` plugin reads their fields and TSDoc); clients use the generated document.
 */

/** One page of a list, `limit` items from `offset`, of `total`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export abstract class PageInfo {
  /** How many items there are in all. */
  total!: number;
  limit!: number;
  offset!: number;
}

/** Every error: the HTTP status, its name, a message naming what is wrong, and per-field details when there are any. */
export class ApiErrorBody {
  statusCode!: number;
  error!: string;
  message!: string;
  details?: unknown[];
}

export class User {
  id!: string;
  email!: string;
  emailVerified?: boolean;
}

export class TenantMembership {
  slug!: string;
  name!: string;
  role!: Role;
}

export class LoginRequest {
  email!: string;
  password!: string;
}

/** Tokens of one log-in session: a short-lived access JWT and a single-use refresh token that rotates. */
export class SessionTokens {
  accessToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  refreshToken!: string;
}

export class LoginResponse extends SessionTokens {
  user!: User;
  tenants!: TenantMembership[];
}

/** Where an account mail (verification, password reset, invitation) stands: it leaves through a retried queue. */
export class MailDelivery {
  /** `failed`: an attempt failed and another follows; `abandoned`: the last attempt failed. */
  status!: 'queued' | 'sent' | 'failed' | 'abandoned';
  attempts!: number;
  lastError!: string | null;
  sentAt!: string | null;
}

export class SignupResponse extends SessionTokens {
  user!: User;
  tenant!: { id: string; slug: string; name: string };
  role!: Role;
  /** Where the verification mail stands: it leaves through the retried notifications queue, so sign-up never waits on mail. */
  verification!: MailDelivery;
}

export type BundleStatus = 'pending' | 'parsing' | 'active' | 'failed' | 'superseded';

export class BundleError {
  file!: string;
  line?: number;
  message!: string;
}

export class Bundle {
  id!: string;
  name!: string;
  version!: number;
  status!: BundleStatus;
  errors!: BundleError[];
  dagIds!: string[];
  archiveSha256!: string;
  createdAt!: string;
  parsedAt!: string | null;
  /** E-mail of the member who uploaded it; null when they left the tenant. */
  deployedBy!: string | null;
}

export type DagRunState = RunState;
export type TaskInstanceState = TaskState;

export class LastRun {
  runId!: string;
  state!: DagRunState;
  logicalDate!: string;
}

export class BundlePage extends PageInfo {
  items!: Bundle[];
}

export class Dag {
  /** @example do_nice_things */
  dagId!: string;
  description!: string | null;
  schedule!: string | null;
  /** The asset condition that also triggers runs, as written (`(s3://a & s3://b)`); null when none. */
  assetSchedule!: string | null;
  timezone!: string;
  startDate!: string | null;
  catchup!: boolean;
  tags!: string[];
  team!: string | null;
  /** The distinct owners of its tasks. */
  owners!: string[];
  isPaused!: boolean;
  isActive!: boolean;
  bundleName!: string;
  bundleVersion!: number;
  lastRun!: LastRun | null;
  /** When the scheduler next looks at the DAG (the end of its next data interval); null when manual or paused. */
  nextRunAt!: string | null;
}

export class DagSource {
  dagId!: string;
  bundleVersion!: number;
  file!: string;
  line!: number;
  content!: string;
  /** The DAG version whose source this is. */
  dagVersionId!: string;
}

export class DagTask {
  taskId!: string;
  operator!: string;
  upstream!: string[];
  downstream!: string[];
  triggerRule!: string;
  retries!: number;
  source!: string | null;
}

export class DagDetail extends Dag {
  params!: Record<string, unknown>;
  source!: string | null;
  tasks!: DagTask[];
}

/** The bundle version a run pinned. */
export class RunBundle {
  name!: string;
  version!: number;
}

export class DagRun {
  /** @example manual__2024-01-01T00:00:00.000+00:00 */
  runId!: string;
  dagId!: string;
  state!: DagRunState;
  runType!: RunType;
  logicalDate!: string;
  dataIntervalStart!: string;
  dataIntervalEnd!: string;
  conf!: Record<string, unknown>;
  queuedAt!: string;
  startDate!: string | null;
  endDate!: string | null;
  /** The bundle version the run pinned (answered by the single-run route only). */
  bundle?: RunBundle | null;
}

export class DagRunPage extends PageInfo {
  items!: DagRun[];
}

export class TaskInstance {
  taskId!: string;
  mapIndex!: number;
  operator!: string;
  state!: TaskInstanceState;
  tryNumber!: number;
  maxTries!: number;
  queuedAt!: string | null;
  startDate!: string | null;
  endDate!: string | null;
  durationMs!: number | null;
  hostname!: string | null;
  /** How the last try failed (its exit reason), for failed instances and those up for retry. */
  error!: string | null;
}

export class TaskInstancePage extends PageInfo {
  items!: TaskInstance[];
}

export class TaskLogLine {
  timestamp!: string;
  stream!: 'stdout' | 'stderr' | 'system';
  message!: string;
}

/** One page of a try's log (at most `limit` lines, 10,000 by default). */
export class TaskLog {
  taskId!: string;
  tryNumber!: number;
  lines!: TaskLogLine[];
  /** Pass as `after` to read the following page; null when this page ends what is stored so far. */
  next!: string | null;
  /** The worker cut the try's output at its limit; a `system` line marks where. */
  truncated!: boolean;
}

export class XComEntry {
  key!: string;
  mapIndex!: number;
  value!: unknown;
}

export class XComEntryList {
  items!: XComEntry[];
}

export class UserResponse {
  user!: User;
}

export class Health {
  status!: 'ok';
}
