/**
 * The bad-bundle corpus: malformed and malicious uploads through the HTTP API, against the real
 * api, scheduler and worker processes. Each is refused with a 4xx naming the file, or becomes a
 * failed version whose errors name the file (and, for code, the line); the tenant's active
 * version and its DAGs stay exactly as they were.
 */
import type { Bundle, Dag, Page } from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { tarGz, TarEntry, zip } from '@updraft/bundles/testing';

const SUITE = 'api-e2e-bad-bundles';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const tenant = 'corpus';

const manifest = (entries = ['dags/main.ts'], name = 'corpus') => JSON.stringify({ name, entries });
const GOOD = `import { bash, dag } from '@updraft/sdk';
dag('corpus_dag', { schedule: null, startDate: '2024-01-01', tags: ['v1'] }, () => {
  bash('hello', { command: 'echo hello' });
});
`;
/** A bundle of one entry file whose source is `code` (line 1 is the import). */
const codeBundle = (code: string, name = 'corpus') =>
  tarGz([
    { path: 'updraft.json', body: manifest(['dags/main.ts'], name) },
    { path: 'dags/main.ts', body: code },
  ]);
const withSdk = (body: string) => `import { bash, chain, dag, empty } from '@updraft/sdk';\n${body}`;

type Refused = { kind: 'refused'; archive: Buffer | null; message: RegExp };
type Failed = { kind: 'failed'; archive: Buffer; file: string; line?: number; message: RegExp };

const CORPUS: Record<string, Refused | Failed> = {
  'path traversal (tar)': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: '../escape.js', body: 'x' },
    ]),
    message: /\.\.\/escape\.js/,
  },
  'absolute path (tar)': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: '/etc/cron.d/evil', body: 'x' },
    ]),
    message: /\/etc\/cron\.d\/evil/,
  },
  'symlink (tar)': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: 'dags/main.ts', type: 'SymbolicLink', linkpath: '/etc/passwd' },
    ]),
    message: /dags\/main\.ts.*link/i,
  },
  'hard link (tar)': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: 'dags/main.ts', type: 'Link', linkpath: 'updraft.json' },
    ]),
    message: /dags\/main\.ts.*link/i,
  },
  'device file (tar)': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: 'dev', type: 'CharacterDevice' },
    ]),
    message: /dev/,
  },
  'path traversal (zip)': {
    kind: 'refused',
    archive: zip([
      { name: 'updraft.json', body: manifest() },
      { name: '../../escape.js', body: 'x' },
    ]),
    message: /\.\.\/\.\.\/escape\.js/,
  },
  'symlink (zip)': {
    kind: 'refused',
    archive: zip([
      { name: 'updraft.json', body: manifest() },
      { name: 'dags/main.ts', body: '/etc/passwd', unixMode: 0o120777 },
    ]),
    message: /dags\/main\.ts.*link/i,
  },
  'zip bomb': {
    kind: 'refused',
    archive: zip([
      { name: 'updraft.json', body: manifest() },
      { name: 'zeros.bin', body: Buffer.alloc(64 * 1024 * 1024), deflate: true },
    ]),
    message: /compression ratio|too large/,
  },
  'gzip bomb': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      { path: 'zeros.bin', body: Buffer.alloc(64 * 1024 * 1024) },
    ]),
    message: /compression ratio|too large/,
  },
  'too many files': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest() },
      ...Array.from({ length: 5_001 }, (_, i): TarEntry => ({ path: `f/${i}.txt`, body: 'x' })),
    ]),
    message: /too many files/,
  },
  'not an archive': {
    kind: 'refused',
    archive: Buffer.from('this is just text, not a bundle'),
    message: /archive|gzip|zip/i,
  },
  'no file at all': { kind: 'refused', archive: null, message: /file/ },
  'no manifest': { kind: 'refused', archive: tarGz([{ path: 'dags/main.ts', body: GOOD }]), message: /updraft\.json/ },
  'manifest not JSON': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: '{ name: corpus' },
      { path: 'dags/main.ts', body: GOOD },
    ]),
    message: /updraft\.json/,
  },
  'manifest without entries': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: JSON.stringify({ name: 'corpus' }) },
      { path: 'dags/main.ts', body: GOOD },
    ]),
    message: /updraft\.json.*entries|entries/,
  },
  'manifest entry missing': {
    kind: 'refused',
    archive: tarGz([
      { path: 'updraft.json', body: manifest(['dags/nowhere.ts']) },
      { path: 'dags/main.ts', body: GOOD },
    ]),
    message: /dags\/nowhere\.ts/,
  },
  'manifest entry outside the bundle': {
    kind: 'refused',
    archive: tarGz([{ path: 'updraft.json', body: manifest(['../../etc/passwd']) }]),
    message: /\.\.\/\.\.\/etc\/passwd/,
  },
  'manifest files not a list': {
    kind: 'refused',
    archive: tarGz([
      {
        path: 'updraft.json',
        body: JSON.stringify({ name: 'corpus', entries: ['dags/main.ts'], files: 'scripts/**' }),
      },
      { path: 'dags/main.ts', body: GOOD },
    ]),
    message: /updraft\.json.*"files" must be a list of glob patterns/,
  },
  'manifest files outside the bundle': {
    kind: 'refused',
    archive: tarGz([
      {
        path: 'updraft.json',
        body: JSON.stringify({ name: 'corpus', entries: ['dags/main.ts'], files: ['../../etc/*'] }),
      },
      { path: 'dags/main.ts', body: GOOD },
    ]),
    message:
      /updraft\.json.*"files": pattern '\.\.\/\.\.\/etc\/\*' must be relative to the bundle root and stay inside it/,
  },
  'syntax error': {
    kind: 'failed',
    archive: codeBundle(withSdk('dag("x", {}, () => {\n  const broken = ;\n});\n')),
    file: 'dags/main.ts',
    line: 3,
    message: /./,
  },
  'throw at import': {
    kind: 'failed',
    archive: codeBundle(withSdk('\nthrow new Error("no luck today");\n')),
    file: 'dags/main.ts',
    line: 3,
    message: /no luck today/,
  },
  'infinite loop at import': {
    kind: 'failed',
    archive: codeBundle(withSdk('for (;;) { /* spin */ }\n')),
    file: '(bundle)',
    message: /time limit|timed out|did not finish/i,
  },
  'memory bomb at import': {
    kind: 'failed',
    archive: codeBundle(
      withSdk('const hoard: number[][] = [];\nfor (;;) hoard.push(new Array(1_000_000).fill(Math.random()));\n'),
    ),
    file: '(bundle)',
    message: /out of memory/,
  },
  'process.exit at import': {
    kind: 'failed',
    archive: codeBundle(withSdk('process.exit(0);\n')),
    file: '(bundle)',
    message: /exited|did not finish|exit/i,
  },
  'reads the platform env at import': {
    kind: 'failed',
    archive: codeBundle(
      withSdk(
        '\nif (!process.env.DATABASE_URL) throw new Error("no platform secret in sight: " + Object.keys(process.env).filter((k) => /URL|SECRET|KEY/.test(k)).join(","));\n',
      ),
    ),
    file: 'dags/main.ts',
    line: 3,
    message: /no platform secret in sight: $/,
  },
  'reads platform files at import': {
    kind: 'failed',
    archive: codeBundle(withSdk('\nrequire("fs").readFileSync("/proc/1/environ");\n')),
    file: 'dags/main.ts',
    line: 3,
    message: /permission denied/,
  },
  'imports a module it does not ship': {
    kind: 'failed',
    archive: codeBundle(withSdk('\nrequire("left-pad");\n')),
    file: 'dags/main.ts',
    line: 3,
    message: /Could not resolve "left-pad"/,
  },
  cycle: {
    kind: 'failed',
    archive: codeBundle(
      withSdk(
        'dag("corpus_dag", {}, () => {\n  const a = empty("a");\n  const b = empty("b");\n  a.then(b);\n  b.then(a);\n});\n',
      ),
    ),
    file: 'dags/main.ts',
    line: 3,
    message: /DAG 'corpus_dag', task 'a' \(dags\/main\.ts:3\): cycle detected: a -> b -> a/,
  },
  'duplicate task id': {
    kind: 'failed',
    archive: codeBundle(withSdk('dag("corpus_dag", {}, () => {\n  empty("a");\n  empty("a");\n});\n')),
    file: 'dags/main.ts',
    line: 4,
    message: /task 'a'.*duplicate task id/,
  },
  'unknown upstream': {
    kind: 'failed',
    archive: codeBundle(withSdk('dag("corpus_dag", {}, () => {\n  chain(empty("a"), "b" as never);\n});\n')),
    file: 'dags/main.ts',
    line: 3,
    message: /unknown upstream/,
  },
  'bad cron': {
    kind: 'failed',
    archive: codeBundle(withSdk('dag("corpus_dag", { schedule: "61 * * * *" }, () => {\n  empty("a");\n});\n')),
    file: 'dags/main.ts',
    line: 2,
    message: /DAG 'corpus_dag'/,
  },
  'bad duration': {
    kind: 'failed',
    archive: codeBundle(
      withSdk('dag("corpus_dag", {}, () => {\n  bash("a", { command: "true", retryDelay: "five minutes" });\n});\n'),
    ),
    file: 'dags/main.ts',
    line: 3,
    message: /retryDelay: invalid duration/,
  },
  'bad dag id': {
    kind: 'failed',
    archive: codeBundle(withSdk('dag("no spaces allowed", {}, () => {\n  empty("a");\n});\n')),
    file: 'dags/main.ts',
    line: 2,
    message: /invalid DAG id/,
  },
  'empty bundle': {
    kind: 'failed',
    archive: codeBundle('export const nothing = 1;\n'),
    file: '(bundle)',
    message: /defines no DAG/,
  },
  'dag id of another bundle': {
    kind: 'failed',
    archive: codeBundle(GOOD, 'intruder'),
    file: 'dags/main.ts',
    line: 2,
    message: /DAG 'corpus_dag' already belongs to bundle 'corpus'/,
  },
};

describe('the bad-bundle corpus over HTTP', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let owner: ApiClient;
  let active: Bundle;
  let dagsBefore: Awaited<ReturnType<typeof dags>>;
  const redisPrefix = uniqueRedisPrefix();

  const upload = (archive: Buffer | null) => {
    const form = new FormData();
    if (archive) form.append('file', new Blob([new Uint8Array(archive)]), 'bundle.tar.gz');
    return owner.post<Bundle & { statusCode?: number; error?: string; message?: string; details?: unknown }>(
      `/tenants/${tenant}/bundles`,
      { form, query: { wait: true } },
    );
  };
  /** The tenant's DAGs with the tasks of the one the corpus competes with. */
  const dags = async () => ({
    list: (await owner.get<Page<Dag>>(`/tenants/${tenant}/dags`)).body.items,
    detail: (await owner.get(`/tenants/${tenant}/dags/corpus_dag`)).body,
  });

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      env: { PARSE_TIMEOUT_MS: '10000', SANDBOX_MEMORY_MB: '96' },
    });
    const anonymous = new ApiClient(stack.baseUrl);
    const signup = await anonymous.post<{ accessToken: string }>('/auth/signup', {
      json: { email: 'corpus@e2e.updraft.test', password: 'e2e-correct-horse-battery', tenantSlug: tenant },
    });
    owner = anonymous.withToken(signup.body.accessToken);
    const good = await upload(codeBundle(GOOD));
    expect([good.status, good.body.status, good.body.errors]).toEqual([201, 'active', []]);
    active = good.body;
    dagsBefore = await dags();
    expect(dagsBefore.list.map((d) => [d.dagId, d.tags])).toEqual([['corpus_dag', ['v1']]]);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  it(`holds at least 25 cases`, () => expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(25));

  it.each(Object.entries(CORPUS))(
    '%s',
    async (_, bad) => {
      const response = await upload(bad.archive);
      if (bad.kind === 'refused') {
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringMatching(bad.message),
          details: bad.archive ? expect.any(Array) : undefined,
        });
        expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at /);
      } else {
        expect([response.status, response.body.status]).toEqual([201, 'failed']);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([
            { file: bad.file, message: expect.stringMatching(bad.message), ...(bad.line ? { line: bad.line } : {}) },
          ]),
        );
      }
      const bundles = (await owner.get<Page<Bundle>>(`/tenants/${tenant}/bundles`)).body.items;
      expect(bundles.filter((b) => b.status === 'active').map((b) => [b.name, b.version])).toEqual([
        [active.name, active.version],
      ]);
      expect(await dags()).toEqual(dagsBefore);
    },
    60_000,
  );
});
