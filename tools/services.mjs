// PostgreSQL, Redis and Chromium checks shared by `npm start`, `npm test` and .ci/run.
// Plain Node with no dependencies: it runs before `npm install` has.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/updraft';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const CHROMIUM = '/usr/bin/chromium';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const DOCKER_HINT = 'or run both in Docker: docker compose -f docker/compose.yml up -d';

export function endpoint(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}

export function tcpReachable({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitReachable(target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await tcpReachable(target, 500)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** The newest cluster version Debian's postgresql-common knows about, e.g. "15". */
export function postgresClusterVersion() {
  if (!existsSync('/etc/postgresql') || !existsSync('/usr/bin/pg_ctlcluster')) return null;
  const versions = readdirSync('/etc/postgresql')
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(`/etc/postgresql/${v}/main`))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ?? null;
}

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(command, args, log) {
  log(`$ ${command} ${args.map((a) => (a === '' || /\s/.test(a) ? `'${a}'` : a)).join(' ')}`);
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function ensurePostgres(databaseUrl = DEFAULT_DATABASE_URL, log = console.log) {
  const target = endpoint(databaseUrl, 5432);
  if (await tcpReachable(target)) return `PostgreSQL answers at ${target.host}:${target.port}`;
  const version = postgresClusterVersion();
  const how =
    `start it (pg_ctlcluster --skip-systemctl-redirect ${version ?? '15'} main start), ` +
    `install it (apt-get install -y postgresql), ${DOCKER_HINT}`;
  if (!LOCAL_HOSTS.has(target.host)) {
    throw new Error(
      `PostgreSQL does not answer at ${target.host}:${target.port} (DATABASE_URL). Check that server, or point DATABASE_URL at a running one.`,
    );
  }
  if (!version)
    throw new Error(`PostgreSQL does not answer at ${target.host}:${target.port} and is not installed here: ${how}.`);
  try {
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], log);
  } catch (error) {
    throw new Error(
      `Could not start PostgreSQL ${version}: ${`${error.stderr || ''}${error.stdout || ''}`.trim() || error.message}\nTo get it: ${how}.`,
    );
  }
  if (!(await waitReachable(target, 15_000))) {
    throw new Error(
      `PostgreSQL ${version} started but does not answer at ${target.host}:${target.port}: is DATABASE_URL's port the cluster's port?`,
    );
  }
  return `PostgreSQL ${version} started at ${target.host}:${target.port}`;
}

export async function ensureRedis(redisUrl = DEFAULT_REDIS_URL, log = console.log) {
  const target = endpoint(redisUrl, 6379);
  if (await tcpReachable(target)) return `Redis answers at ${target.host}:${target.port}`;
  const how = `install it (apt-get install -y redis-server), ${DOCKER_HINT}`;
  if (!LOCAL_HOSTS.has(target.host)) {
    throw new Error(
      `Redis does not answer at ${target.host}:${target.port} (REDIS_URL). Check that server, or point REDIS_URL at a running one.`,
    );
  }
  if (!onPath('redis-server'))
    throw new Error(
      `Redis does not answer at ${target.host}:${target.port} and redis-server is not installed: ${how}.`,
    );
  try {
    run(
      'redis-server',
      ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(target.port), '--save', '', '--appendonly', 'no'],
      log,
    );
  } catch (error) {
    throw new Error(
      `Could not start Redis: ${`${error.stderr || ''}${error.stdout || ''}`.trim() || error.message}\nTo get it: ${how}.`,
    );
  }
  if (!(await waitReachable(target, 10_000)))
    throw new Error(`redis-server started but does not answer at ${target.host}:${target.port}.`);
  return `Redis started at ${target.host}:${target.port}`;
}

/** Makes sure both services answer, starting the local Debian ones when they are installed but stopped. */
export async function ensureServices({ databaseUrl, redisUrl, log = console.log } = {}) {
  const postgres = await ensurePostgres(databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, log);
  const redis = await ensureRedis(redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL, log);
  return [postgres, redis];
}

export function chromiumInstalled() {
  return existsSync(process.env.CHROMIUM_PATH || CHROMIUM);
}
