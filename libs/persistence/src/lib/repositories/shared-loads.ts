interface Entry<V> {
  tenantId: string;
  value: Promise<V>;
}

/**
 * A bounded per-process cache of loads of immutable tenant-owned rows. Callers asking for the same
 * key while it loads share the one load: a burst of tries of a new run reads the run once, not
 * once per try (each on a connection of its own). A load that fails or finds nothing is not kept;
 * a key cached for one tenant is never answered to another.
 */
export class SharedLoads<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly size: number) {}

  get(tenantId: string, key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit?.tenantId === tenantId) return hit.value;
    const value = load();
    if (hit) return value;
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    const entry = { tenantId, value };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    value.then((loaded) => loaded ?? forget(), forget);
    return value;
  }
}
