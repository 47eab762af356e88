/**
 * Data-aware scheduling (Airflow 3's assets): a task declares the assets it updates (`outlets`),
 * and a DAG may be scheduled on assets, on a condition over them, or on time or assets.
 */

const MAX_URI_LENGTH = 1500;
const MAX_NAME_LENGTH = 1500;
const URI_PATTERN = /^[\x21-\x7e]+$/;
const RESERVED_SCHEMES = ['updraft', 'airflow'];

/** An asset as stored in a serialized DAG. */
export interface SerializedAsset {
  uri: string;
  name: string;
  group: string;
}

/** A DAG's asset condition as stored: an asset, all of several, or any of several. */
export type SerializedAssetCondition =
  | ({ kind: 'asset' } & SerializedAsset)
  | { kind: 'all'; of: SerializedAssetCondition[] }
  | { kind: 'any'; of: SerializedAssetCondition[] };

/** An asset: data identified by a URI (`s3://bucket/orders`), per tenant. */
export class Asset {
  readonly kind = 'asset' as const;
  /** @internal */
  constructor(
    readonly uri: string,
    readonly name: string,
    readonly group: string,
  ) {}

  toJSON(): SerializedAsset {
    return { uri: this.uri, name: this.name, group: this.group };
  }
}

/** Met when every item is (Airflow's `a & b`). */
export class AssetAll {
  readonly kind = 'all' as const;
  /** @internal */
  constructor(readonly items: AssetCondition[]) {}
}

/** Met when any item is (Airflow's `a | b`). */
export class AssetAny {
  readonly kind = 'any' as const;
  /** @internal */
  constructor(readonly items: AssetCondition[]) {}
}

export type AssetCondition = Asset | AssetAll | AssetAny;

/** A run on the cron (or other time schedule), and another whenever the asset condition is met. */
export class AssetOrTime {
  readonly kind = 'assetOrTime' as const;
  /** @internal */
  constructor(
    readonly schedule: string,
    readonly assets: AssetCondition,
  ) {}
}

/** What a DAG's `schedule` may be besides a time schedule: an asset, a list (all must update), a condition, or time or assets. */
export type AssetSchedule = AssetCondition | Asset[] | AssetOrTime;

/** Why `uri` cannot name an asset, or null when it can. */
export function assetUriProblem(uri: unknown): string | null {
  if (typeof uri !== 'string' || uri.length === 0) return 'an asset URI must be a non-empty string';
  if (uri.length > MAX_URI_LENGTH) return `the asset URI is longer than ${MAX_URI_LENGTH} characters`;
  if (!URI_PATTERN.test(uri)) return `asset URI '${uri}' may hold printable ASCII only, without spaces`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme && RESERVED_SCHEMES.includes(scheme)) return `asset URI '${uri}' uses the reserved scheme '${scheme}:'`;
  return null;
}

/**
 * An asset, named by its URI (`name` defaults to the URI, `group` to `asset`, as in Airflow).
 * @throws Error naming what is wrong with the URI, name or group.
 */
export function asset(uri: string, options: { name?: string; group?: string } = {}): Asset {
  const problem = assetUriProblem(uri);
  if (problem) throw new Error(problem);
  const name = options.name ?? uri;
  const group = options.group ?? 'asset';
  for (const [what, value] of [
    ['name', name],
    ['group', group],
  ] as const) {
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_NAME_LENGTH)
      throw new Error(`asset '${uri}': ${what} must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return new Asset(uri, name, group);
}

function conditionItems(what: string, items: unknown[]): AssetCondition[] {
  if (items.length === 0) throw new Error(`${what}() needs at least one asset or condition`);
  items.forEach((item, i) => {
    if (!(item instanceof Asset || item instanceof AssetAll || item instanceof AssetAny))
      throw new Error(`${what}(): item ${i + 1} is ${JSON.stringify(item)}, not an asset or a condition`);
  });
  return items as AssetCondition[];
}

/** Met when every asset (or condition) has been updated since the DAG's last asset-triggered run. */
export function and(...items: AssetCondition[]): AssetAll {
  return new AssetAll(conditionItems('and', items));
}

/** Met when any asset (or condition) has been updated since the DAG's last asset-triggered run. */
export function or(...items: AssetCondition[]): AssetAny {
  return new AssetAny(conditionItems('or', items));
}

/** Runs on `schedule` (cron, preset or duration) and also whenever `assets` is met (Airflow's `AssetOrTimeSchedule`). */
export function assetOrTime(schedule: string, assets: AssetCondition | Asset[]): AssetOrTime {
  if (typeof schedule !== 'string') throw new Error('assetOrTime() needs a time schedule (cron, preset or duration)');
  return new AssetOrTime(schedule, Array.isArray(assets) ? and(...assets) : assets);
}

/** A schedule split into its time part (for the timetable) and its asset condition. */
export function splitSchedule(schedule: unknown): {
  time: string | null;
  condition: SerializedAssetCondition | null;
} {
  if (schedule === undefined || schedule === null) return { time: null, condition: null };
  if (typeof schedule === 'string') return { time: schedule, condition: null };
  if (schedule instanceof AssetOrTime)
    return { time: schedule.schedule, condition: serializeCondition(schedule.assets) };
  if (Array.isArray(schedule)) return { time: null, condition: serializeCondition(and(...schedule)) };
  if (schedule instanceof Asset || schedule instanceof AssetAll || schedule instanceof AssetAny)
    return { time: null, condition: serializeCondition(schedule) };
  throw new Error(
    `schedule must be a cron, preset or duration string, null, an asset, a list of assets, and()/or(), or assetOrTime() (got ${JSON.stringify(schedule)})`,
  );
}

function serializeCondition(condition: AssetCondition): SerializedAssetCondition {
  if (condition instanceof Asset) return { kind: 'asset', ...condition.toJSON() };
  return { kind: condition.kind, of: condition.items.map(serializeCondition) };
}

/** Every asset a condition names, once each by URI. */
export function assetsOfCondition(condition: SerializedAssetCondition | null | undefined): SerializedAsset[] {
  const found = new Map<string, SerializedAsset>();
  const walk = (c: SerializedAssetCondition) => {
    if (c.kind === 'asset') {
      if (!found.has(c.uri)) found.set(c.uri, { uri: c.uri, name: c.name, group: c.group });
    } else c.of.forEach(walk);
  };
  if (condition) walk(condition);
  return [...found.values()];
}

/** Whether the condition is met when the assets in `updated` (by URI) have been updated. */
export function conditionMet(condition: SerializedAssetCondition, updated: ReadonlySet<string>): boolean {
  if (condition.kind === 'asset') return updated.has(condition.uri);
  if (condition.kind === 'all') return condition.of.every((c) => conditionMet(c, updated));
  return condition.of.some((c) => conditionMet(c, updated));
}

/** The condition as people write it: `(a & (b | c))`. */
export function describeCondition(condition: SerializedAssetCondition): string {
  if (condition.kind === 'asset') return condition.uri;
  const joined = condition.of.map(describeCondition).join(condition.kind === 'all' ? ' & ' : ' | ');
  return condition.of.length > 1 ? `(${joined})` : joined;
}

/** Two declarations of one URI must agree on name and group; the first conflict found, or null. */
export function conflictingAsset(assets: SerializedAsset[]): string | null {
  const seen = new Map<string, SerializedAsset>();
  for (const a of assets) {
    const first = seen.get(a.uri);
    if (!first) seen.set(a.uri, a);
    else if (first.name !== a.name || first.group !== a.group)
      return `asset '${a.uri}' is declared as name '${first.name}', group '${first.group}' and as name '${a.name}', group '${a.group}'`;
  }
  return null;
}
