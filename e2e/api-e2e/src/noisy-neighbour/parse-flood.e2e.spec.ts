import type { Bundle, Page } from '@updraft/api-types';
import { ApiClient, deployBundle, SuiteStack, signupOwner, startSuiteStack, waitFor } from '@updraft/testing';

const PARSE_TIMEOUT_MS = 6_000;
const FLOOD = 6;
/** Generous (the quiet tenant's parse takes well under a second), yet shorter than one of the flood's parses. */
const QUIET_DEPLOY_BOUND_MS = PARSE_TIMEOUT_MS - 1_000;

const LOOPING = `import { dag, empty } from '@updraft/sdk';
for (;;) {}
dag('never', {}, () => { empty('t'); });
`;
const GOOD = (dagId: string) => `import { dag, empty } from '@updraft/sdk';
dag('${dagId}', {}, () => { empty('t'); });
`;

describe("noisy neighbour: a tenant flooding bundle parsing cannot delay another tenant's deploy", () => {
  let platform: SuiteStack | undefined;
  let noisy: ApiClient;
  let quiet: ApiClient;

  beforeAll(async () => {
    platform = await startSuiteStack('api-e2e-parse-flood', { env: { PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS) } });
    noisy = await signupOwner(platform.baseUrl, 'noisy@e2e.updraft.test', 'noisy');
    quiet = await signupOwner(platform.baseUrl, 'quiet@e2e.updraft.test', 'quiet');
  }, 120_000);

  afterAll(() => platform?.release(), 60_000);

  async function timedDeploy(name: string): Promise<{ bundle: Bundle; ms: number }> {
    const started = Date.now();
    const deployed = await deployBundle(quiet, 'quiet', name, { [`dags/${name}.ts`]: GOOD(name) });
    expect(deployed.status).toBe(201);
    return { bundle: deployed.body, ms: Date.now() - started };
  }
  const noisyBundles = async () =>
    (await noisy.get<Page<Bundle>>('/tenants/noisy/bundles', { query: { limit: 100 } })).body.items;

  it("parses the quiet tenant's bundle at once while the noisy tenant's looping bundles parse one at a time", async () => {
    const alone = await timedDeploy('alone');
    expect(alone.bundle.status).toBe('active');

    for (let i = 0; i < FLOOD; i++) {
      const uploaded = await deployBundle(noisy, 'noisy', `loop${i}`, { 'dags/loop.ts': LOOPING }, { wait: false });
      expect(uploaded.status).toBe(201);
    }
    await waitFor(noisyBundles, (items) => items.some((b) => b.status === 'parsing'), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the flood to start parsing',
    });

    const flooded = await timedDeploy('during_flood');
    console.log(
      `quiet tenant's deploy: ${alone.ms} ms alone, ${flooded.ms} ms during a flood of ${FLOOD} bundles looping at import (parse timeout ${PARSE_TIMEOUT_MS} ms)`,
    );
    expect(flooded.bundle.status).toBe('active');
    expect(flooded.ms).toBeLessThan(QUIET_DEPLOY_BOUND_MS);

    // The flood still drains, one parse of the noisy tenant at a time, each stopped by the parse timeout.
    let mostAtOnce = 0;
    const done = await waitFor(
      noisyBundles,
      (items) => {
        mostAtOnce = Math.max(mostAtOnce, items.filter((b) => b.status === 'parsing').length);
        return items.every((b) => b.status === 'failed');
      },
      { timeoutMs: (FLOOD + 2) * (PARSE_TIMEOUT_MS + 2_000), intervalMs: 250, what: 'every looping bundle to fail' },
    );
    expect(mostAtOnce).toBe(1);
    expect(done.map((b) => b.errors[0]?.message)).toEqual(
      Array(FLOOD).fill(expect.stringMatching(/loading the bundle failed: .*timed out/)),
    );
  }, 180_000);
});
