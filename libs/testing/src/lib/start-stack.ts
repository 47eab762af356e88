import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';
import { testOutputDir, workspaceRoot } from './workspace-root';
import { loadConfig } from '@updraft/config';

export type AppName = 'api' | 'scheduler' | 'worker';

export interface StartStackOptions {
  databaseUrl: string;
  redisPrefix: string;
  redisUrl?: string;
  /** The platform's mail server, e.g. `startSmtpCapture().url`; account and alert mails go there. */
  smtpUrl?: string;
  apps?: AppName[];
  /** Added to (and overriding) the environment each app gets. */
  env?: Record<string, string>;
  /** Logs go to `test-output/<suite>/<app>.log`. */
  suite?: string;
  /** Where `<app>/main.js` live; the built apps by default. */
  distDir?: string;
  healthTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** A command prefix the apps run under, e.g. a test host's `ip netns exec <namespace>`. */
  launcher?: string[];
  /** Where the api is reached from here (its host's address); 127.0.0.1 by default. */
  host?: string;
}

export interface AppExit {
  app: AppName;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StackProcess {
  app: AppName;
  child: ChildProcess;
  logFile: string;
  exited: Promise<AppExit>;
}

export interface Stack {
  /** `http://127.0.0.1:<port>`; the API lives under `/api/v1`. */
  baseUrl: string;
  env: Record<string, string>;
  processes: StackProcess[];
  /** SIGTERMs every app and waits (SIGKILL after stopTimeoutMs); returns how each one exited. */
  stop(): Promise<AppExit[]>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftoversOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Starts each app as its own `node <distDir>/<app>/main.js` process, like a real deployment. */
export async function startStack(options: StartStackOptions): Promise<Stack> {
  const apps = options.apps ?? ['api', 'scheduler', 'worker'];
  const root = workspaceRoot();
  const distDir = options.distDir ?? join(root, 'dist', 'apps');
  const outDir = testOutputDir(options.suite ?? 'stack');
  mkdirSync(outDir, { recursive: true });

  for (const app of apps) {
    const main = join(distDir, app, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run ${app}:build)`);
  }

  const port = options.env?.['PORT'] ? Number(options.env['PORT']) : await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? loadConfig().redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    PORT: String(port),
    // Their own ports: stacks (and `npm start`) run side by side on one machine.
    WORKER_METRICS_PORT: String(await freePort()),
    SCHEDULER_METRICS_PORT: String(await freePort()),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: join(outDir, `data-${options.redisPrefix}`),
    // A stopped worker hands back what still runs after this, well within stopTimeoutMs.
    WORKER_DRAIN_GRACE_MS: '2000',
    // Stand-ins for outside services (HTTP targets, Slack webhooks, tenant SMTP servers) listen on loopback.
    EGRESS_ALLOWED_HOSTS: '127.0.0.1,localhost',
    ...(options.smtpUrl && { SMTP_URL: options.smtpUrl }),
    ...options.env,
  };

  const launcher = options.launcher ?? [];
  const processes = apps.map((app) => spawnApp(app, join(distDir, app, 'main.js'), root, outDir, env, launcher));
  killLeftoversOnExit();

  const stop = async (): Promise<AppExit[]> => {
    const timeoutMs = options.stopTimeoutMs ?? 15_000;
    return Promise.all(
      processes.map(async (p) => {
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
        try {
          return await p.exited;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  };

  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  if (apps.includes('api')) {
    try {
      await waitForHealth(baseUrl, processes, options.healthTimeoutMs ?? 30_000);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { baseUrl, env, processes, stop };
}

function spawnApp(
  app: AppName,
  main: string,
  cwd: string,
  outDir: string,
  env: Record<string, string>,
  launcher: string[],
): StackProcess {
  const logFile = join(outDir, `${app}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(
    `\n==== ${new Date().toISOString()} node ${main} (REDIS_PREFIX=${env['REDIS_PREFIX']}, PORT=${env['PORT']})\n`,
  );
  // `ip netns exec` execs its command, so the child's pid (and its signals) are node's.
  const [command, ...args] = [...launcher, process.execPath, main];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<AppExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      log.end(`==== exited code=${code} signal=${signal}\n`, () => resolve({ app, code, signal }));
    });
  });
  return { app, child, logFile, exited };
}

async function waitForHealth(baseUrl: string, processes: StackProcess[], timeoutMs: number): Promise<void> {
  const dead = () => processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
  try {
    await waitFor(
      async () => {
        const gone = dead();
        if (gone) return { gone };
        const response = await fetch(`${baseUrl}/api/v1/health`);
        return { status: response.status, body: await response.json().catch(() => null) };
      },
      (state) => 'gone' in state || (state.status === 200 && state.body?.status === 'ok'),
      { timeoutMs, intervalMs: 200, what: `${baseUrl}/api/v1/health` },
    ).then((state) => {
      if ('gone' in state && state.gone) throw new Error(`${state.gone.app} exited during start-up`);
    });
  } catch (error) {
    const logs = processes.map((p) => `--- ${p.logFile} (last lines)\n${tail(p.logFile, 25)}`).join('\n');
    throw new Error(`${(error as Error).message}\n${logs}`);
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
