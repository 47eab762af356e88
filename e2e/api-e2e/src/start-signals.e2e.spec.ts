import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  freePort,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';

const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` (tools/start/start.mjs, --no-build: the e2e target has built dist/) as a process
 * manager runs it: output to a pipe, and a SIGTERM to the parent process alone.
 */
describe('npm start under a process manager', () => {
  let db: TestDatabase | undefined;
  let start: ChildProcess | undefined;
  const redisPrefix = uniqueRedisPrefix();

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  }, 60_000);

  afterAll(async () => {
    if (start?.pid && alive(start.pid)) start.kill('SIGKILL');
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  it('prints no colour codes nor route mapping into a pipe, catches mail locally, and stops every process when only the parent gets SIGTERM', async () => {
    const port = await freePort();
    const [smtpPort, mailboxPort] = [await freePort(), await freePort()];
    start = spawn(process.execPath, [join(workspaceRoot(), 'tools', 'start', 'start.mjs'), '--no-build'], {
      cwd: workspaceRoot(),
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        DATABASE_URL: db?.url ?? '',
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        PORT: String(port),
        JWT_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
        MAIL_CATCHER_SMTP_PORT: String(smtpPort),
        MAIL_CATCHER_HTTP_PORT: String(mailboxPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => start?.once('exit', (code) => resolve(code)));

    await waitFor(
      async () => output,
      (text) => text.includes('Updraft is running') || text.includes('[start] failed'),
      { timeoutMs: 90_000, what: 'npm start output' },
    );
    expect(output).toContain('Updraft is running');
    const pids = descendants(start.pid as number);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(output).toContain(`local mail catcher: SMTP smtp://127.0.0.1:${smtpPort}`);
    // The demo sign-up's verification mail, delivered by the worker to the catcher, listed by the api.
    const mailbox = await waitFor(
      async () =>
        (await (await fetch(`http://127.0.0.1:${port}/api/v1/dev/mailbox`)).json()) as {
          items: { to: string[]; subject: string; links: string[] }[];
        },
      (body) => (body.items ?? []).some((mail) => mail.to.includes('demo@updraft.local')),
      { timeoutMs: 30_000, what: "the demo sign-up's mail in the local mailbox" },
    );
    const mail = mailbox.items.find((m) => m.to.includes('demo@updraft.local'));
    expect(mail?.subject).toBe('Confirm your email address for Updraft');
    expect(mail?.links[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/verify-email\\?token=`));

    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(
      async () => pids.filter(alive),
      (left) => left.length === 0,
      { timeoutMs: 25_000, what: 'processes npm start started that still run' },
    );

    expect(output).toMatch(/\[api\]/);
    expect(output).toContain('npx updraft --help');
    expect(output).not.toMatch(/RoutesResolver|RouterExplorer|Mapped \{/);
    expect(output).not.toContain(String.fromCharCode(27));
  }, 150_000);
});
