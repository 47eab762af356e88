// `npm start`: install if needed, build (the cli too), make sure PostgreSQL and Redis answer,
// migrate, then run api + scheduler + worker as separate processes, seed a demo tenant on first
// run, and stop them all cleanly on Ctrl-C / SIGTERM to this process alone (a process manager
// signals only the parent). Plain Node: it must run before `npm install` has.
//   npm start -- --no-build     reuse dist/ as it is
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { INSTALL_ARGS, needsInstall } from '../dependencies.mjs';
import { ensureServices } from '../services.mjs';
import { callApi } from '../api-call.mjs';
import { startMailCatcher } from './mail-catcher.mjs';

export const DEMO = {
  tenant: 'demo',
  tenantName: 'Demo',
  email: 'demo@updraft.local',
  password: 'updraft-demo-kestrel-42',
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APPS = ['api', 'scheduler', 'worker'];
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
// Children write to pipes: they colour only if told to, and never when we print to a file or a pipe.
const colourEnv = useColour ? { FORCE_COLOR: '1' } : { NO_COLOR: '1', FORCE_COLOR: '0' };
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
// Nest maps every route at start-up (RoutesResolver, RouterExplorer): debug detail, not news.
const showRoutes = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
const ROUTE_MAPPING = /\b(RoutesResolver|RouterExplorer)\b/;
const HEARTBEAT_MS = 15_000;
const COLOURS = { start: 2, migrate: 34, api: 36, scheduler: 35, worker: 33 };
const paint = (name, text) => (useColour ? `\x1b[${COLOURS[name] ?? 0}m${text}\x1b[0m` : text);
const say = (text) => console.log(`${paint('start', '[start]')} ${text}`);

const children = new Map();
let stopping = false;
/** The install or build step running now, stopped with the rest on a signal. */
let currentStep = null;

function localSecrets() {
  const file = join(root, 'data', '.local-secrets.json');
  let saved = {};
  if (existsSync(file)) saved = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    JWT_SECRET: saved.JWT_SECRET ?? randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: saved.ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
  };
  if (saved.JWT_SECRET !== secrets.JWT_SECRET || saved.ENCRYPTION_KEY !== secrets.ENCRYPTION_KEY) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    say(`generated local secrets in data/.local-secrets.json (only for this machine)`);
  }
  // Variables set in the environment win over the saved ones.
  return Object.fromEntries(Object.entries(secrets).filter(([name]) => !process.env[name]));
}

function prefixLines(name, stream, out) {
  const label = paint(name, `[${name}]`.padEnd(12));
  createInterface({ input: stream }).on('line', (line) => {
    if (!showRoutes && ROUTE_MAPPING.test(line)) return;
    out.write(`${label}${useColour ? line : line.replace(ANSI, '')}\n`);
  });
}

/**
 * Runs an install or build step in its own process group (so that stopping kills all of it), its
 * output prefixed, and says every 15 s that it is still going: no silent minutes.
 */
function runStep(name, command, args, env = process.env) {
  say(`${command} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, ...colourEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  const heartbeat = setInterval(
    () => say(`${name}: still going (${Math.round((Date.now() - started) / 1000)} s)`),
    HEARTBEAT_MS,
  );
  currentStep = child;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearInterval(heartbeat);
      currentStep = null;
      if (stopping) return;
      if (code !== 0) return reject(new Error(`${name} failed (exit ${code ?? signal})`));
      say(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve();
    });
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function startApp(app, env) {
  // Own process group: a terminal's Ctrl-C reaches only us, and we stop each app exactly once.
  const child = spawn(process.execPath, [join('dist', 'apps', app, 'main.js')], {
    cwd: root,
    env: { ...env, ...colourEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(app, child.stdout, process.stdout);
  prefixLines(app, child.stderr, process.stderr);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  children.set(app, { child, exited });
  exited.then(({ code, signal }) => {
    children.delete(app);
    if (!stopping) {
      say(`${app} exited unexpectedly (code ${code}, signal ${signal}): stopping the others`);
      stop(1);
    }
  });
}

async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  if (currentStep) {
    say('stopping the step under way');
    killGroup(currentStep, 'SIGTERM');
  }
  const running = [...children.entries()];
  if (running.length) say(`stopping ${running.map(([app]) => app).join(', ')}`);
  await Promise.all(
    running.map(async ([app, { child, exited }]) => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        say(`${app} did not stop within 20 s: SIGKILL`);
        child.kill('SIGKILL');
      }, 20_000);
      const { code, signal } = await exited;
      clearTimeout(timer);
      say(`${app} stopped (code ${code}${signal ? `, signal ${signal}` : ''})`);
    }),
  );
  process.exit(exitCode);
}

async function waitForHealth(baseUrl, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!stopping) throw new Error(`the api did not answer ${baseUrl}/api/v1/health within ${timeoutMs / 1000} s`);
}

async function packFolder(dir) {
  const { create } = await import('tar');
  const { readdirSync } = await import('node:fs');
  const chunks = [];
  for await (const chunk of create({ gzip: true, cwd: dir, portable: true }, readdirSync(dir).sort()))
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function seedDemo(baseUrl) {
  const login = await callApi(baseUrl, 'POST', '/auth/login', { json: { email: DEMO.email, password: DEMO.password } });
  if (login.status === 200) return 'existing';
  if (login.status !== 401)
    throw new Error(`logging in as the demo user answered ${login.status}: ${JSON.stringify(login.body)}`);
  const signup = await callApi(baseUrl, 'POST', '/auth/signup', {
    json: { email: DEMO.email, password: DEMO.password, tenantSlug: DEMO.tenant, tenantName: DEMO.tenantName },
  });
  if (signup.status !== 201)
    throw new Error(`signing up the demo tenant answered ${signup.status}: ${JSON.stringify(signup.body)}`);
  say(`signed up tenant "${DEMO.tenant}" with owner ${DEMO.email}`);
  const example = join(root, 'examples', 'do-nice-things');
  if (!existsSync(join(example, 'updraft.json'))) {
    say(`examples/do-nice-things is missing: no example bundle uploaded`);
    return 'created';
  }
  const form = new FormData();
  form.append('file', new Blob([await packFolder(example)], { type: 'application/gzip' }), 'do-nice-things.tar.gz');
  const upload = await callApi(baseUrl, 'POST', `/tenants/${DEMO.tenant}/bundles?wait=true`, {
    form,
    token: signup.body.accessToken,
  });
  if (upload.status !== 201 || upload.body.status !== 'active') {
    say(`uploading examples/do-nice-things answered ${upload.status}: ${JSON.stringify(upload.body)}`);
  } else {
    say(`uploaded examples/do-nice-things as bundle v${upload.body.version}: ${upload.body.dagIds.join(', ')}`);
  }
  return 'created';
}

/**
 * In development, with no SMTP_URL of your own, mail goes to a catcher on loopback (SMTP 1025,
 * listing 1080; MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT) and the console's Local mailbox
 * shows it: sign-up verification, invitations and password resets work with no mail server.
 */
async function localMail() {
  if (process.env.SMTP_URL || (process.env.NODE_ENV && process.env.NODE_ENV !== 'development')) return {};
  const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025);
  const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT || 1080);
  try {
    const catcher = await startMailCatcher({ smtpPort, httpPort });
    say(`local mail catcher: SMTP ${catcher.smtpUrl}, mails listed at ${catcher.listingUrl}/mails`);
    return { SMTP_URL: catcher.smtpUrl, DEV_MAILBOX_URL: catcher.listingUrl };
  } catch (error) {
    say(
      `no local mail catcher (${error.message}): mail goes to smtp://127.0.0.1:${smtpPort} if something listens there`,
    );
    return {};
  }
}

/** How to run the cli this start built: from the workspace, or installed from its package. */
function cliHelp(baseUrl) {
  const cli = join(root, 'dist', 'apps', 'cli', 'main.js');
  if (!existsSync(cli)) return [];
  const { version } = JSON.parse(readFileSync(join(root, 'dist', 'apps', 'cli', 'package.json'), 'utf8'));
  return [
    `  The updraft CLI: npx updraft --help (from this folder), or put it on your PATH with`,
    `    npm install -g ${join(root, 'dist', 'packages', `updraft-cli-${version}.tgz`)}   (or: alias updraft="node ${cli}")`,
    `  then: updraft login --url ${baseUrl} --email ${DEMO.email} --tenant ${DEMO.tenant}`,
  ];
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('exit', () => {
    children.forEach(({ child }) => child.kill('SIGKILL'));
    if (currentStep) killGroup(currentStep, 'SIGKILL');
  });

  if (needsInstall(root)) await runStep('install', 'npm', INSTALL_ARGS);
  if (stopping) return;
  const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NG_CLI_ANALYTICS: 'false', NX_TUI: 'false' };
  if (process.argv.includes('--no-build')) say('--no-build: using what is in dist/');
  else
    await runStep(
      'build',
      'npx',
      ['nx', 'run-many', '-t', 'build', '-p', 'api', 'scheduler', 'worker', 'console', 'cli', '--outputStyle=stream'],
      nxEnv,
    );
  if (stopping) return;
  for (const line of await ensureServices({ log: say })) say(line);

  const nodeEnv = process.env.NODE_ENV || 'development';
  const env = {
    ...process.env,
    NODE_ENV: nodeEnv,
    // One readable line per entry on a developer's terminal; JSON lines (as in production) otherwise.
    LOG_FORMAT: process.env.LOG_FORMAT || (process.stdout.isTTY && nodeEnv === 'development' ? 'pretty' : 'json'),
    ...localSecrets(),
    ...(await localMail()),
  };
  await runStep('migrate', process.execPath, [join('dist', 'apps', 'api', 'main.js'), 'migrate'], env);
  if (stopping) return;

  for (const app of APPS) startApp(app, env);
  const baseUrl = `http://127.0.0.1:${env.PORT || 3000}`;
  await waitForHealth(baseUrl);
  if (stopping) return;
  say(`api is healthy at ${baseUrl}`);

  const seeded = await seedDemo(baseUrl).catch((error) => {
    say(`could not seed the demo tenant: ${error.message}`);
    return 'failed';
  });
  console.log(
    [
      '',
      `  Updraft is running: ${baseUrl}/   (API ${baseUrl}/api/v1, OpenAPI ${baseUrl}/api/docs)`,
      seeded === 'failed' ? '' : `  Log in as ${DEMO.email} / ${DEMO.password} (tenant "${DEMO.tenant}")`,
      `  Metrics: ${baseUrl}/metrics, worker http://127.0.0.1:${env.WORKER_METRICS_PORT || 9464}/metrics, scheduler http://127.0.0.1:${env.SCHEDULER_METRICS_PORT || 9465}/metrics`,
      `  Health: ${baseUrl}/health/ready (and /health/live; the worker's and scheduler's on their metrics ports)`,
      env.DEV_MAILBOX_URL ? `  Mails the platform sends land in the local mailbox: ${baseUrl}/dev/mailbox` : '',
      ...cliHelp(baseUrl),
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  stop(1);
});
