import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from './start-stack';
import { waitFor } from './wait-for';

// Stand-ins for the built apps, so the harness itself is proven without a build.
const fakeApi = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(req.url === '/api/v1/health' ? { status: 'ok' } : { prefix: process.env.REDIS_PREFIX }));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('api listening'));
process.on('SIGTERM', () => { console.log('api stopping'); server.close(() => process.exit(0)); });
`;
// Says it is up only once its SIGTERM handler is in place: a stop sent before that would kill it.
const fakeIdle = `
const timer = setInterval(() => undefined, 1000);
process.on('SIGTERM', () => { clearInterval(timer); });
console.log(process.argv[1].split('/').slice(-2)[0] + ' up with ' + process.env.DATABASE_URL);
`;

describe('startStack', () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(join(tmpdir(), 'fake-dist-'));
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  function fakeApp(app: string, source: string): void {
    mkdirSync(join(dist, app));
    writeFileSync(join(dist, app, 'main.js'), source);
  }

  it('starts each app as its own process, waits for health, logs to files and stops them all cleanly', async () => {
    fakeApp('api', fakeApi);
    fakeApp('scheduler', fakeIdle);
    fakeApp('worker', fakeIdle);

    const stack = await startStack({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/updraft_test_fake',
      redisPrefix: 'updraft_test_fake',
      distDir: dist,
      suite: 'testing-start-stack',
    });

    const pids = stack.processes.map((p) => p.child.pid);
    expect(new Set(pids).size).toBe(3);
    expect(stack.env['ENCRYPTION_KEY']).toMatch(/^[0-9a-f]{64}$/);
    const answer = await fetch(`${stack.baseUrl}/api/v1/anything`).then((r) => r.json());
    expect(answer).toEqual({ prefix: 'updraft_test_fake' });

    // The stack waits for the api's health only; on a loaded machine the idle apps may still be starting.
    for (const idle of stack.processes.slice(1)) {
      await waitFor(
        async () => readFileSync(idle.logFile, 'utf8'),
        (log) => log.includes(' up with '),
        { timeoutMs: 30_000, what: `${idle.app} to start` },
      );
    }
    const exits = await stack.stop();

    expect(exits).toEqual([
      { app: 'api', code: 0, signal: null },
      { app: 'scheduler', code: 0, signal: null },
      { app: 'worker', code: 0, signal: null },
    ]);
    const workerLog = readFileSync(stack.processes[2].logFile, 'utf8');
    expect(workerLog).toContain('worker up with postgres://postgres@127.0.0.1:5432/updraft_test_fake');
    expect(readFileSync(stack.processes[0].logFile, 'utf8')).toContain('api stopping');
  });

  it('fails fast with the log tail when an app dies during start-up', async () => {
    fakeApp('api', `console.error('Invalid configuration: JWT_SECRET is required'); process.exit(1);`);

    const started = Date.now();
    await expect(
      startStack({
        databaseUrl: 'postgres://h/updraft_test_x',
        redisPrefix: 'p',
        apps: ['api'],
        distDir: dist,
        suite: 'testing-start-stack',
      }),
    ).rejects.toThrow(/api exited during start-up[\s\S]*JWT_SECRET is required/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says which build is missing', async () => {
    await expect(
      startStack({ databaseUrl: 'postgres://h/db', redisPrefix: 'p', apps: ['worker'], distDir: dist }),
    ).rejects.toThrow(/worker\/main.js is missing: build it first \(npx nx run worker:build\)/);
  });
});
