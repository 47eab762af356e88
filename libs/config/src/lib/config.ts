import { bool, cleanEnv, EnvError, EnvMissingError, num, str, url } from 'envalid';
import { resolve } from 'node:path';

export interface UpdraftConfig {
  nodeEnv: 'development' | 'test' | 'production';
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  port: number;
  jwtSecret: string;
  jwtAccessTtlSeconds: number;
  jwtRefreshTtlSeconds: number;
  /** Origins allowed to call the API from a browser (CORS); empty: none but the API's own. */
  corsOrigins: string[];
  maxJsonBodyBytes: number;
  /** The largest webhook body accepted (bytes); a larger one is refused with 413 and logged. */
  webhookMaxBodyBytes: number;
  /** Calls one webhook accepts per minute (all api replicas together). */
  webhookCallsPerMinute: number;
  /** How far a webhook call's timestamp may be from now (seconds) before it is refused as a replay. */
  webhookToleranceSeconds: number;
  encryptionKey: string;
  /** Earlier keys, still accepted for decryption while stored values are re-encrypted under the current one. */
  retiredEncryptionKeys: string[];
  dataDir: string;
  consoleDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** `json` (one object a line, the default) or `pretty` (for a developer's terminal; never in production). */
  logFormat: 'json' | 'pretty';
  /** OpenTelemetry tracing, opt-in by the standard OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT; null: off. */
  tracing: TracingConfig | null;
  /** Port of the worker's /metrics and /health routes (0: none). */
  workerMetricsPort: number;
  /** Port of the scheduler's /metrics and /health routes (0: none). */
  schedulerMetricsPort: number;
  workerConcurrency: number;
  /** Slots a worker keeps beyond WORKER_CONCURRENCY for tenants below their fair share (docs/scheduling.md). */
  workerReservedSlots: number;
  workerHostname: string;
  sandboxMemoryMb: number;
  parseTimeoutMs: number;
  defaultTaskTimeoutMs: number;
  sandboxNetworkIsolation: boolean;
  /** Processes and threads one bash try may have at once (its own uid's RLIMIT_NPROC; root workers). */
  sandboxBashMaxProcesses: number;
  /** Idle sandbox processes a worker keeps for further tries of the same tenant's bundle version (0: none). */
  sandboxWarmMaxIdle: number;
  sandboxWarmIdleMs: number;
  sandboxWarmMaxUses: number;
  /** On SIGTERM, how long a worker lets its running tries finish before handing them back. */
  workerDrainGraceMs: number;
  heartbeatIntervalMs: number;
  zombieThresholdMs: number;
  schedulerSweepIntervalMs: number;
  /** Task instances the platform keeps queued or running at once (about the workers' total slots, plus a few). */
  dispatchSlots: number;
  tenantMaxRunningTasks: number;
  defaultPoolSlots: number;
  maxBundleBytes: number;
  smtpUrl: string;
  mailFrom: string;
  /** The local mail catcher's listing (`npm start` sets it): the console's "Local mailbox". Never set in production. */
  devMailboxUrl: string | null;
  slackApiUrl: string;
  /** Tenant-chosen outbound calls may reach private/loopback addresses (single-tenant or development installs only). */
  egressAllowPrivateNetworks: boolean;
  /** Hosts tenant calls may reach even though they are private (a stand-in on loopback, a partner on a VPN). */
  egressAllowedHosts: string[];
  slaCheckIntervalMs: number;
  notificationAttempts: number;
  notificationBackoffMs: number;
  publicUrl: string;
  loginMaxAttemptsPerIp: number;
  /** Wrong passwords one source (IP) may try on one account before each further failure doubles its wait. */
  loginFreeFailuresPerSource: number;
  /** The longest wait a source is given between failed log-ins to one account (the doubling stops here). */
  loginMaxDelaySeconds: number;
  signupMaxPerIpPerHour: number;
  signupMaxPerHour: number;
  /** Bundle uploads one tenant may start per minute. */
  bundleUploadsPerTenantPerMinute: number;
  /** How deeply JSON bodies may nest arrays and objects. */
  maxJsonDepth: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (limits per address depend on it). */
  trustProxy: false | number | string;
}

export class ConfigError extends Error {}

export interface TracingConfig {
  /** Where spans are sent (OTLP over HTTP, JSON). */
  tracesUrl: string;
  /** OTEL_SERVICE_NAME; `updraft-<app>` when empty. */
  serviceName: string;
  headers: Record<string, string>;
}

/** Names of variables that hold secrets: never logged, never passed to tenant code. */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEYS_RETIRED',
  'SMTP_URL',
] as const;

const devOnly = (value: string) => ({ devDefault: value });

/**
 * Reads and validates the environment once. Every app calls this at boot; nothing else reads
 * process.env. In production a missing secret is an error rather than a default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): UpdraftConfig {
  const problems: string[] = [];
  const clean = cleanEnv(
    { ...env, NODE_ENV: env['NODE_ENV'] || 'development' },
    {
      NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
      DATABASE_URL: url({ default: 'postgres://postgres@127.0.0.1:5432/updraft' }),
      REDIS_URL: url({ default: 'redis://127.0.0.1:6379' }),
      REDIS_PREFIX: str({ default: 'updraft' }),
      PORT: num({ default: 3000 }),
      JWT_SECRET: str(devOnly('updraft-local-development-jwt-secret')),
      JWT_ACCESS_TTL_SECONDS: num({ default: 900 }),
      JWT_REFRESH_TTL_SECONDS: num({ default: 30 * 24 * 3600 }),
      CORS_ORIGINS: str({ default: '' }),
      MAX_JSON_BODY_BYTES: num({ default: 1024 * 1024 }),
      ENCRYPTION_KEY: str(devOnly('0'.repeat(64))),
      ENCRYPTION_KEYS_RETIRED: str({ default: '' }),
      DATA_DIR: str({ default: './data' }),
      CONSOLE_DIR: str({ default: 'dist/apps/console/browser' }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'], default: 'info' }),
      LOG_FORMAT: str({ choices: ['json', 'pretty'], default: 'json' }),
      OTEL_SDK_DISABLED: bool({ default: false }),
      OTEL_TRACES_EXPORTER: str({ choices: ['otlp', 'none'], default: 'otlp' }),
      OTEL_EXPORTER_OTLP_ENDPOINT: str({ default: '' }),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: str({ default: '' }),
      OTEL_EXPORTER_OTLP_HEADERS: str({ default: '' }),
      OTEL_SERVICE_NAME: str({ default: '' }),
      WORKER_METRICS_PORT: num({ default: 9464 }),
      SCHEDULER_METRICS_PORT: num({ default: 9465 }),
      WORKER_CONCURRENCY: num({ default: 8 }),
      WORKER_RESERVED_SLOTS: num({ default: 2 }),
      WORKER_HOSTNAME: str({ default: '' }),
      SANDBOX_MEMORY_MB: num({ default: 256 }),
      PARSE_TIMEOUT_MS: num({ default: 30_000 }),
      DEFAULT_TASK_TIMEOUT_MS: num({ default: 3_600_000 }),
      SANDBOX_NETWORK_ISOLATION: bool({ default: true }),
      SANDBOX_BASH_MAX_PROCESSES: num({ default: 128 }),
      SANDBOX_WARM_MAX_IDLE: num({ default: 4 }),
      SANDBOX_WARM_IDLE_MS: num({ default: 60_000 }),
      SANDBOX_WARM_MAX_USES: num({ default: 200 }),
      WORKER_DRAIN_GRACE_MS: num({ default: 30_000 }),
      HEARTBEAT_INTERVAL_MS: num({ default: 2_000 }),
      ZOMBIE_THRESHOLD_MS: num({ default: 30_000 }),
      SCHEDULER_SWEEP_INTERVAL_MS: num({ default: 5_000 }),
      DISPATCH_SLOTS: num({ default: 32 }),
      TENANT_MAX_RUNNING_TASKS: num({ default: 16 }),
      DEFAULT_POOL_SLOTS: num({ default: 128 }),
      MAX_BUNDLE_BYTES: num({ default: 50 * 1024 * 1024 }),
      SMTP_URL: str({ default: 'smtp://127.0.0.1:1025' }),
      MAIL_FROM: str({ default: 'Updraft <no-reply@updraft.local>' }),
      DEV_MAILBOX_URL: str({ default: '' }),
      SLACK_API_URL: str({ default: 'https://slack.com/api/' }),
      EGRESS_ALLOW_PRIVATE_NETWORKS: bool({ default: false }),
      EGRESS_ALLOWED_HOSTS: str({ default: '' }),
      PUBLIC_URL: str({ default: '' }),
      SLA_CHECK_INTERVAL_MS: num({ default: 1_000 }),
      NOTIFICATION_ATTEMPTS: num({ default: 10 }),
      NOTIFICATION_BACKOFF_MS: num({ default: 2_000 }),
      LOGIN_MAX_ATTEMPTS_PER_IP: num({ default: 30 }),
      LOGIN_FREE_FAILURES_PER_SOURCE: num({ default: 5 }),
      LOGIN_MAX_DELAY_SECONDS: num({ default: 900 }),
      SIGNUP_MAX_PER_IP_PER_HOUR: num({ default: 20 }),
      SIGNUP_MAX_PER_HOUR: num({ default: 500 }),
      BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE: num({ default: 60 }),
      WEBHOOK_MAX_BODY_BYTES: num({ default: 262_144 }),
      WEBHOOK_CALLS_PER_MINUTE: num({ default: 120 }),
      WEBHOOK_TOLERANCE_SECONDS: num({ default: 300 }),
      MAX_JSON_DEPTH: num({ default: 64 }),
      TRUST_PROXY: str({ default: '' }),
    },
    {
      reporter: ({ errors }) => {
        for (const [name, error] of Object.entries(errors)) {
          const reason = error instanceof EnvMissingError ? 'is required in production' : (error as EnvError).message;
          problems.push(`${name} ${reason}`);
        }
      },
    },
  );
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (!/^[0-9a-fA-F]{64}$/.test(clean.ENCRYPTION_KEY)) {
    throw new ConfigError('Invalid configuration: ENCRYPTION_KEY must be 64 hex characters (32 bytes)');
  }
  const retiredEncryptionKeys = clean.ENCRYPTION_KEYS_RETIRED.split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (retiredEncryptionKeys.some((key) => !/^[0-9a-fA-F]{64}$/.test(key))) {
    throw new ConfigError(
      'Invalid configuration: ENCRYPTION_KEYS_RETIRED must be a comma-separated list of 64-hex-character keys',
    );
  }
  for (const [name, value] of [
    ['WORKER_CONCURRENCY', clean.WORKER_CONCURRENCY],
    ['SANDBOX_MEMORY_MB', clean.SANDBOX_MEMORY_MB],
    ['SANDBOX_BASH_MAX_PROCESSES', clean.SANDBOX_BASH_MAX_PROCESSES],
    ['DISPATCH_SLOTS', clean.DISPATCH_SLOTS],
    ['TENANT_MAX_RUNNING_TASKS', clean.TENANT_MAX_RUNNING_TASKS],
    ['SLA_CHECK_INTERVAL_MS', clean.SLA_CHECK_INTERVAL_MS],
    ['NOTIFICATION_ATTEMPTS', clean.NOTIFICATION_ATTEMPTS],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new ConfigError(`Invalid configuration: ${name} must be a positive integer`);
  }
  for (const [name, value] of [
    ['DEFAULT_POOL_SLOTS', clean.DEFAULT_POOL_SLOTS],
    ['WORKER_RESERVED_SLOTS', clean.WORKER_RESERVED_SLOTS],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new ConfigError(`Invalid configuration: ${name} must be a whole number, 0 or more`);
  }
  if (clean.DEV_MAILBOX_URL && clean.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid configuration: DEV_MAILBOX_URL is for development only (it shows every mail the platform sends) and must not be set in production',
    );
  if (clean.DEV_MAILBOX_URL && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(clean.DEV_MAILBOX_URL)) {
    throw new ConfigError(
      `Invalid configuration: DEV_MAILBOX_URL must be the local mail catcher's address, like http://127.0.0.1:1080 (got '${clean.DEV_MAILBOX_URL}')`,
    );
  }
  const corsOrigins = clean.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const badOrigin = corsOrigins.find((origin) => !/^https?:\/\/[^/\s]+$/.test(origin));
  if (badOrigin)
    throw new ConfigError(
      `Invalid configuration: CORS_ORIGINS must be a comma-separated list of origins like https://console.example.com (got '${badOrigin}')`,
    );
  for (const name of ['JWT_ACCESS_TTL_SECONDS', 'JWT_REFRESH_TTL_SECONDS', 'MAX_JSON_BODY_BYTES'] as const) {
    if (!Number.isInteger(clean[name]) || clean[name] < 1)
      throw new ConfigError(`Invalid configuration: ${name} must be a positive integer`);
  }
  for (const [name, value, least] of [
    ['SANDBOX_WARM_MAX_IDLE', clean.SANDBOX_WARM_MAX_IDLE, 0],
    ['SANDBOX_WARM_IDLE_MS', clean.SANDBOX_WARM_IDLE_MS, 1],
    ['SANDBOX_WARM_MAX_USES', clean.SANDBOX_WARM_MAX_USES, 1],
    ['WORKER_DRAIN_GRACE_MS', clean.WORKER_DRAIN_GRACE_MS, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < least)
      throw new ConfigError(`Invalid configuration: ${name} must be a whole number, ${least} or more`);
  }
  for (const name of [
    'LOGIN_MAX_ATTEMPTS_PER_IP',
    'LOGIN_MAX_DELAY_SECONDS',
    'SIGNUP_MAX_PER_IP_PER_HOUR',
    'SIGNUP_MAX_PER_HOUR',
    'BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE',
    'WEBHOOK_MAX_BODY_BYTES',
    'WEBHOOK_CALLS_PER_MINUTE',
    'WEBHOOK_TOLERANCE_SECONDS',
    'MAX_JSON_DEPTH',
    'MAX_BUNDLE_BYTES',
  ] as const) {
    if (!Number.isInteger(clean[name]) || clean[name] < 1)
      throw new ConfigError(`Invalid configuration: ${name} must be a positive integer`);
  }
  for (const name of ['WORKER_METRICS_PORT', 'SCHEDULER_METRICS_PORT'] as const) {
    if (!Number.isInteger(clean[name]) || clean[name] < 0 || clean[name] > 65535)
      throw new ConfigError(`Invalid configuration: ${name} must be a port number (1-65535), or 0 for none`);
  }
  if (clean.NODE_ENV === 'production' && clean.LOG_FORMAT === 'pretty')
    throw new ConfigError(
      'Invalid configuration: LOG_FORMAT=pretty is for development only (production logs are JSON)',
    );
  const trustProxy = parseTrustProxy(clean.TRUST_PROXY);
  const tracing = parseTracing(clean);
  if (!Number.isInteger(clean.LOGIN_FREE_FAILURES_PER_SOURCE) || clean.LOGIN_FREE_FAILURES_PER_SOURCE < 0) {
    throw new ConfigError('Invalid configuration: LOGIN_FREE_FAILURES_PER_SOURCE must be a whole number, 0 or more');
  }
  return {
    nodeEnv: clean.NODE_ENV as UpdraftConfig['nodeEnv'],
    databaseUrl: clean.DATABASE_URL,
    redisUrl: clean.REDIS_URL,
    redisPrefix: clean.REDIS_PREFIX,
    port: clean.PORT,
    jwtSecret: clean.JWT_SECRET,
    jwtAccessTtlSeconds: clean.JWT_ACCESS_TTL_SECONDS,
    jwtRefreshTtlSeconds: clean.JWT_REFRESH_TTL_SECONDS,
    corsOrigins,
    maxJsonBodyBytes: clean.MAX_JSON_BODY_BYTES,
    encryptionKey: clean.ENCRYPTION_KEY,
    retiredEncryptionKeys,
    dataDir: resolve(clean.DATA_DIR),
    consoleDir: resolve(clean.CONSOLE_DIR),
    logLevel: clean.LOG_LEVEL as UpdraftConfig['logLevel'],
    logFormat: clean.LOG_FORMAT as UpdraftConfig['logFormat'],
    tracing,
    workerMetricsPort: clean.WORKER_METRICS_PORT,
    schedulerMetricsPort: clean.SCHEDULER_METRICS_PORT,
    workerConcurrency: clean.WORKER_CONCURRENCY,
    workerReservedSlots: clean.WORKER_RESERVED_SLOTS,
    workerHostname: clean.WORKER_HOSTNAME,
    sandboxMemoryMb: clean.SANDBOX_MEMORY_MB,
    parseTimeoutMs: clean.PARSE_TIMEOUT_MS,
    defaultTaskTimeoutMs: clean.DEFAULT_TASK_TIMEOUT_MS,
    sandboxNetworkIsolation: clean.SANDBOX_NETWORK_ISOLATION,
    sandboxBashMaxProcesses: clean.SANDBOX_BASH_MAX_PROCESSES,
    sandboxWarmMaxIdle: clean.SANDBOX_WARM_MAX_IDLE,
    sandboxWarmIdleMs: clean.SANDBOX_WARM_IDLE_MS,
    sandboxWarmMaxUses: clean.SANDBOX_WARM_MAX_USES,
    workerDrainGraceMs: clean.WORKER_DRAIN_GRACE_MS,
    heartbeatIntervalMs: clean.HEARTBEAT_INTERVAL_MS,
    zombieThresholdMs: clean.ZOMBIE_THRESHOLD_MS,
    schedulerSweepIntervalMs: clean.SCHEDULER_SWEEP_INTERVAL_MS,
    dispatchSlots: clean.DISPATCH_SLOTS,
    tenantMaxRunningTasks: clean.TENANT_MAX_RUNNING_TASKS,
    defaultPoolSlots: clean.DEFAULT_POOL_SLOTS,
    maxBundleBytes: clean.MAX_BUNDLE_BYTES,
    smtpUrl: clean.SMTP_URL,
    mailFrom: clean.MAIL_FROM,
    devMailboxUrl: clean.DEV_MAILBOX_URL ? clean.DEV_MAILBOX_URL.replace(/\/$/, '') : null,
    slackApiUrl: clean.SLACK_API_URL,
    egressAllowPrivateNetworks: clean.EGRESS_ALLOW_PRIVATE_NETWORKS,
    egressAllowedHosts: clean.EGRESS_ALLOWED_HOSTS.split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    slaCheckIntervalMs: clean.SLA_CHECK_INTERVAL_MS,
    notificationAttempts: clean.NOTIFICATION_ATTEMPTS,
    notificationBackoffMs: clean.NOTIFICATION_BACKOFF_MS,
    publicUrl: clean.PUBLIC_URL || `http://127.0.0.1:${clean.PORT}`,
    loginMaxAttemptsPerIp: clean.LOGIN_MAX_ATTEMPTS_PER_IP,
    loginFreeFailuresPerSource: clean.LOGIN_FREE_FAILURES_PER_SOURCE,
    loginMaxDelaySeconds: clean.LOGIN_MAX_DELAY_SECONDS,
    signupMaxPerIpPerHour: clean.SIGNUP_MAX_PER_IP_PER_HOUR,
    signupMaxPerHour: clean.SIGNUP_MAX_PER_HOUR,
    bundleUploadsPerTenantPerMinute: clean.BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE,
    webhookMaxBodyBytes: clean.WEBHOOK_MAX_BODY_BYTES,
    webhookCallsPerMinute: clean.WEBHOOK_CALLS_PER_MINUTE,
    webhookToleranceSeconds: clean.WEBHOOK_TOLERANCE_SECONDS,
    maxJsonDepth: clean.MAX_JSON_DEPTH,
    trustProxy,
  };
}

/** The OTLP/HTTP traces URL as OpenTelemetry's variables define it: the signal's own endpoint as is, else `<endpoint>/v1/traces`. */
function parseTracing(clean: {
  OTEL_SDK_DISABLED: boolean;
  OTEL_TRACES_EXPORTER: string;
  OTEL_EXPORTER_OTLP_ENDPOINT: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string;
  OTEL_EXPORTER_OTLP_HEADERS: string;
  OTEL_SERVICE_NAME: string;
}): TracingConfig | null {
  const own = clean.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT.trim();
  const base = clean.OTEL_EXPORTER_OTLP_ENDPOINT.trim();
  if (clean.OTEL_SDK_DISABLED || clean.OTEL_TRACES_EXPORTER === 'none' || (!own && !base)) return null;
  const tracesUrl = own || `${base.replace(/\/$/, '')}/v1/traces`;
  let protocol = '';
  try {
    protocol = new URL(tracesUrl).protocol;
  } catch {
    // Not a URL at all: refused below like any other scheme.
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new ConfigError(
      `Invalid configuration: ${own ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'} must be an http(s) URL (got '${own || base}')`,
    );
  const headers: Record<string, string> = {};
  for (const pair of clean.OTEL_EXPORTER_OTLP_HEADERS.split(',').filter((p) => p.trim())) {
    const at = pair.indexOf('=');
    if (at < 1)
      throw new ConfigError(
        `Invalid configuration: OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs separated by commas (got '${pair.trim()}')`,
      );
    headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return { tracesUrl, serviceName: clean.OTEL_SERVICE_NAME.trim(), headers };
}

/** Empty: no proxy (the socket's address is the client's); a number: that many proxy hops; else addresses, subnets or loopback/linklocal/uniquelocal. */
function parseTrustProxy(value: string): UpdraftConfig['trustProxy'] {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const entries = trimmed.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry)))
    return entries.join(',');
  throw new ConfigError(
    `Invalid configuration: TRUST_PROXY must be a number of proxy hops or a comma-separated list of proxy addresses or subnets (got '${value}')`,
  );
}
