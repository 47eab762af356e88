import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';
import { AccountRepository } from './account.repository';
import { BundleRepository } from './bundle.repository';

const PARSE_TIMEOUT_MS = 60_000;

describe('bundle parse claims: one parse per tenant at a time, the tenant served least recently first', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let bundles: BundleRepository;
  let accounts: AccountRepository;
  let n = 0;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
    bundles = new BundleRepository(db);
    accounts = new AccountRepository(db);
  });
  afterAll(() => drop());

  async function tenant(): Promise<string> {
    n++;
    return (
      await accounts.createTenantWithOwner({
        email: `t${n}@example.com`,
        passwordHash: 'x',
        tenantSlug: `tenant-${n}`,
        tenantName: `T${n}`,
      })
    ).tenant.id;
  }
  async function upload(tenantId: string, name = 'b'): Promise<string> {
    return (
      await bundles.createVersion(tenantId, { name, archive: Buffer.from('x'), format: 'tar.gz', createdBy: null })
    ).id;
  }
  const claim = async () => (await bundles.claimNextParse(PARSE_TIMEOUT_MS))?.bundleVersionId ?? null;
  const finish = (tenantId: string, id: string) => bundles.fail(tenantId, id, [{ file: '(bundle)', message: 'done' }]);
  async function drainAll(): Promise<void> {
    await db.query(`UPDATE bundle_version SET status = 'failed' WHERE status IN ('pending', 'parsing')`);
  }

  it("queues a flooding tenant's versions behind its own parse, never ahead of another tenant's first", async () => {
    const [a, b] = [await tenant(), await tenant()];
    const [a1, a2, a3] = [await upload(a), await upload(a), await upload(a)];
    expect(await claim()).toBe(a1);
    // A parse of A is under way: A's backlog waits, the free parse slot stays free for others.
    expect(await claim()).toBeNull();
    const b1 = await upload(b);
    expect(await claim()).toBe(b1);
    expect(await claim()).toBeNull();
    await finish(a, a1);
    expect(await claim()).toBe(a2);
    await finish(b, b1);
    await finish(a, a2);
    // a3 was uploaded before b2, but B was served less recently than A: B's version goes first.
    const b2 = await upload(b);
    expect(await claim()).toBe(b2);
    expect(await claim()).toBe(a3);
    expect(await claim()).toBeNull();
    await drainAll();
  });

  it('never starts two parses of one tenant, even when many workers claim at once', async () => {
    const [a, b] = [await tenant(), await tenant()];
    const ids = new Map<string, string>();
    for (const t of [a, a, a, a, b, b]) ids.set(await upload(t), t);
    const claimed = (await Promise.all(Array.from({ length: 8 }, () => claim()))).filter(
      (id): id is string => id !== null,
    );
    expect(claimed.map((id) => ids.get(id)).sort()).toEqual([a, b].sort());
    await drainAll();
  });

  it('claims again a parse whose worker went away (claimed longer ago than the stale time)', async () => {
    const a = await tenant();
    const a1 = await upload(a);
    await upload(a);
    expect(await claim()).toBe(a1);
    expect(await claim()).toBeNull();
    expect(await bundles.nextParse(PARSE_TIMEOUT_MS)).toBeNull();
    await db.query(`UPDATE bundle_version SET parse_started_at = now() - interval '91 seconds' WHERE id = $1`, [a1]);
    expect(await bundles.nextParse(PARSE_TIMEOUT_MS)).toEqual({ tenantId: a, bundleVersionId: a1 });
    expect(await claim()).toBe(a1);
    await drainAll();
  });
});
