import {
  createTestResources,
  packBundleFiles,
  streamBundleUpload,
  TestResources,
  UploadContent,
} from '@updraft/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessApi, startInProcessApi } from '../../testing/in-process-api';

const PASSWORD = 'long-and-unusual-password-1';
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
const MiB = 1024 * 1024;
const STACK_TRACE = /\bat \w+ \(|node_modules|\.ts:\d+/;

describe('bounded inputs: JSON depth, NUL characters, bundle upload size and rate (in-process api)', () => {
  let api: InProcessApi<TestResources>;
  let owner: string;
  let neighbour: string;
  beforeAll(async () => {
    api = await startInProcessApi(await createTestResources(), {
      maxJsonDepth: 32,
      maxBundleBytes: MAX_BUNDLE_BYTES,
      bundleUploadsPerTenantPerMinute: 5,
    });
    const signup = async (slug: string) =>
      (
        await api.call('POST', 'auth/signup', {
          body: { email: `${slug}@example.com`, password: PASSWORD, tenantSlug: slug },
        })
      ).json().accessToken as string;
    owner = await signup('bounded');
    neighbour = await signup('neighbour');
  }, 120_000);
  afterAll(() => api?.stop(), 30_000);

  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('refuses JSON nested deeper than MAX_JSON_DEPTH with a 400 naming the limit, also 400,000 deep and inside a run conf', async () => {
    for (const body of [
      nested(400_000),
      `{"conf": ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
      `{"conf": ${'{"a":'.repeat(33)}1${'}'.repeat(33)}}`,
    ]) {
      const reply = await api.call('POST', 'tenants/bounded/dags/some_dag/dagRuns', { token: owner, body });
      expect([reply.status, reply.json().message]).toEqual([
        400,
        'request body nests objects and arrays more than 32 levels deep (MAX_JSON_DEPTH)',
      ]);
      expect(reply.text).not.toMatch(STACK_TRACE);
    }
    const shallow = await api.call('POST', 'tenants/bounded/dags/some_dag/dagRuns', {
      token: owner,
      body: `{"conf": ${'{"a":'.repeat(30)}"[[[{{{"${'}'.repeat(30)}}`,
    });
    expect([shallow.status, shallow.json().message]).toEqual([404, expect.stringMatching(/some_dag/)]);
  });

  it('refuses a NUL character in a JSON string or key with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['{"key": "plain", "value": "before\\u0000after"}', 'value'],
      ['{"key": "plain", "value": "ok", "description": "\\u0000"}', 'description'],
      ['{"key": "plain", "val\\u0000ue": "ok"}', 'val\\u0000ue'],
    ];
    for (const [body, field] of cases) {
      const reply = await api.call('POST', 'tenants/bounded/variables', { token: owner, body });
      expect([reply.status, reply.json().message, reply.json().details]).toEqual([
        400,
        `${field} must not contain a NUL character (\\u0000)`,
        [{ field, problems: ['contains a NUL character'] }],
      ]);
    }
    const conf = await api.call('POST', 'tenants/bounded/dags/some_dag/dagRuns', {
      token: owner,
      body: { conf: { rows: [{ name: 'a' }, { name: 'b\u0000' }] } },
    });
    expect([conf.status, conf.json().message]).toEqual([
      400,
      'conf.rows[1].name must not contain a NUL character (\\u0000)',
    ]);
    const escapedBackslash = await api.call('POST', 'tenants/bounded/variables', {
      token: owner,
      body: '{"key": "plain", "value": "a literal \\\\u0000 is fine"}',
    });
    expect(escapedBackslash.status).toBe(201);
  });

  it('refuses a NUL character in a path or query parameter with a 400 naming the parameter, never a 500', async () => {
    const cases: [string, string][] = [
      ['tenants/bounded/variables/plain%00key', "path parameter 'key' must not contain a NUL character (\\u0000)"],
      ['tenants/bou%00nded/dags', "path parameter 'tenant' must not contain a NUL character (\\u0000)"],
      ['tenants/bounded/dags/some%00dag/dagRuns', "path parameter 'dagId' must not contain a NUL character (\\u0000)"],
      ['tenants/bounded/auditLog?actor=a%00b', "query parameter 'actor' must not contain a NUL character (\\u0000)"],
    ];
    for (const [path, message] of cases) {
      const reply = await api.call('GET', path, { token: owner });
      expect([path, reply.status, reply.json().message]).toEqual([path, 400, message]);
      expect(reply.text).not.toMatch(STACK_TRACE);
    }
  });

  it('cuts off a bundle upload at MAX_BUNDLE_BYTES while it streams (413 naming the limit, memory bounded), refuses one declared too large unread, and limits uploads per tenant', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'bounded-upload-'));
    const archive = await packBundleFiles(scratch, {
      'updraft.json': JSON.stringify({ name: 'small', entries: ['dags/a.js'] }),
      'dags/a.js': 'export default 1;',
    });
    await rm(scratch, { recursive: true, force: true });
    const small = await upload(owner, 'bounded', { archive });
    expect(small.status).toBe(201);

    const limitMessage = `bundle archive is larger than the limit of ${MAX_BUNDLE_BYTES} bytes (4.0 MiB, MAX_BUNDLE_BYTES)`;
    const streamed = await upload(owner, 'bounded', { zeroBytes: 200 * MiB, declareLength: false });
    expect([streamed.status, streamed.body.message]).toEqual([413, limitMessage]);
    expect(streamed.peakMemoryGrowthMiB).toBeLessThan(64);
    const declared = await upload(owner, 'bounded', { zeroBytes: 200 * MiB, declareLength: true });
    expect([declared.status, declared.body.message]).toEqual([413, limitMessage]);
    expect(declared.peakMemoryGrowthMiB).toBeLessThan(64);
    console.log(
      `upload of 200 MiB against a 4 MiB limit: peak RSS growth ${streamed.peakMemoryGrowthMiB.toFixed(1)} MiB streamed, ${declared.peakMemoryGrowthMiB.toFixed(1)} MiB declared`,
    );

    const fourth = await upload(owner, 'bounded', { archive });
    expect(fourth.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push(await upload(owner, 'bounded', { archive }));
    expect(statuses.map((u) => u.status)).toEqual([201, 429]);
    expect(statuses[1].body.message).toMatch(
      /^too many bundle uploads for this tenant \(BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE = 5\); try again in \d+ s$/,
    );
    expect(Number(statuses[1].retryAfter)).toBeGreaterThan(0);
    expect((await upload(neighbour, 'neighbour', { archive })).status).toBe(201);
  }, 120_000);

  const upload = (token: string, tenant: string, content: UploadContent) =>
    streamBundleUpload(api.base, tenant, token, content, () => process.memoryUsage().rss);
});
