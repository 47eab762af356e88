import type { DagRun } from '@updraft/api-types';
import {
  ApiClient,
  deployBundle,
  E2E_PASSWORD,
  residentBytesOf,
  seg,
  startSuiteStack,
  streamBundleUpload,
  SuiteStack,
  waitFor,
} from '@updraft/testing';

const MiB = 1024 * 1024;
const LIMIT_MIB = 8;
const UPLOADS_PER_MINUTE = 5;
const FLOOD = 8;

const QUIET_DAG = `import { bash, dag } from '@updraft/sdk';

dag('quiet_one', { schedule: null }, () => {
  bash('hello', { command: 'echo quiet' });
});
`;

describe('noisy neighbour: one tenant floods bundle uploads, another deploys and runs undisturbed (api, scheduler, worker as processes)', () => {
  let stack: SuiteStack | undefined;

  beforeAll(async () => {
    stack = await startSuiteStack('api-e2e-upload-flood', {
      env: {
        MAX_BUNDLE_BYTES: String(LIMIT_MIB * MiB),
        BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE: String(UPLOADS_PER_MINUTE),
      },
    });
  }, 120_000);
  afterAll(() => stack?.release(), 60_000);

  const signup = async (tenant: string) => {
    const anonymous = new ApiClient((stack as SuiteStack).baseUrl);
    const reply = await anonymous.post<{ accessToken: string }>('/auth/signup', {
      json: { email: `${tenant}@e2e.updraft.test`, password: E2E_PASSWORD, tenantSlug: tenant },
    });
    expect(reply.status).toBe(201);
    return reply.body.accessToken;
  };

  it('cuts every oversized upload off at the limit and rate-limits the flood, with the api memory bounded, while the quiet tenant deploys and its run succeeds', async () => {
    const [noisy, quietToken] = [await signup('noisy'), await signup('quiet')];
    const quiet = new ApiClient((stack as SuiteStack).baseUrl).withToken(quietToken);
    const api = (stack as SuiteStack).processes.find((p) => p.app === 'api')?.child.pid as number;

    const started = Date.now();
    const flood = Promise.all(
      Array.from({ length: FLOOD }, () =>
        streamBundleUpload(
          (stack as SuiteStack).baseUrl,
          'noisy',
          noisy,
          { zeroBytes: 100 * MiB, declareLength: false },
          () => residentBytesOf(api),
        ),
      ),
    );
    const deployed = await deployBundle(quiet, 'quiet', 'quiet', { 'dags/quiet.ts': QUIET_DAG });
    const deployMs = Date.now() - started;
    expect([deployed.status, deployed.body.status, deployed.body.errors]).toEqual([201, 'active', []]);
    const run = await quiet.post<DagRun>('/tenants/quiet/dags/quiet_one/dagRuns', { json: {} });
    expect(run.status).toBe(201);
    await waitFor(
      async () => (await quiet.get<DagRun>(`/tenants/quiet/dags/quiet_one/dagRuns/${seg(run.body.runId)}`)).body.state,
      (state) => state === 'success',
      {
        timeoutMs: 60_000,
        what: "the quiet tenant's run to succeed",
      },
    );
    const runMs = Date.now() - started;

    const uploads = await flood;
    const statuses = uploads.map((u) => u.status).sort();
    expect(statuses).toEqual([...Array(UPLOADS_PER_MINUTE).fill(413), ...Array(FLOOD - UPLOADS_PER_MINUTE).fill(429)]);
    expect(uploads.find((u) => u.status === 413)?.body.message).toMatch(
      new RegExp(`larger than the limit of ${LIMIT_MIB * MiB} bytes`),
    );
    const peakGrowthMiB = Math.max(...uploads.map((u) => u.peakMemoryGrowthMiB));
    console.log(
      `${FLOOD} parallel uploads of 100 MiB against a ${LIMIT_MIB} MiB limit: api RSS grew by at most ${peakGrowthMiB.toFixed(1)} MiB; the quiet tenant deployed in ${deployMs} ms and its run succeeded after ${runMs} ms`,
    );
    expect(peakGrowthMiB).toBeLessThan(UPLOADS_PER_MINUTE * LIMIT_MIB + 120);
    expect(deployMs).toBeLessThan(30_000);
  }, 180_000);
});
