import { loadConfig } from './config';

describe('loadConfig', () => {
  it('gives local defaults in development', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/updraft');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
  });

  it('refuses to start in production without secrets, naming them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required in production.*ENCRYPTION_KEY is required in production/,
    );
  });

  it('names an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY must be 64 hex/);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY must be a positive integer/);
    expect(() => loadConfig({ DISPATCH_SLOTS: '0' })).toThrow(/DISPATCH_SLOTS must be a positive integer/);
    expect(() => loadConfig({ TENANT_MAX_RUNNING_TASKS: '2.5' })).toThrow(
      /TENANT_MAX_RUNNING_TASKS must be a positive integer/,
    );
    expect(() => loadConfig({ DEFAULT_POOL_SLOTS: '-1' })).toThrow(
      /DEFAULT_POOL_SLOTS must be a whole number, 0 or more/,
    );
    expect(() => loadConfig({ SANDBOX_BASH_MAX_PROCESSES: '0' })).toThrow(
      /SANDBOX_BASH_MAX_PROCESSES must be a positive integer/,
    );
  });

  it('takes the local mail catcher as the dev mailbox, but never in production and never another host', () => {
    expect(loadConfig({}).devMailboxUrl).toBeNull();
    expect(loadConfig({ DEV_MAILBOX_URL: 'http://127.0.0.1:1080/' }).devMailboxUrl).toBe('http://127.0.0.1:1080');
    const secrets = { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'a'.repeat(64) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, DEV_MAILBOX_URL: 'http://127.0.0.1:1080' })).toThrow(
      /DEV_MAILBOX_URL is for development only/,
    );
    expect(() => loadConfig({ DEV_MAILBOX_URL: 'http://mail.example.com:1080' })).toThrow(
      /DEV_MAILBOX_URL must be the local mail catcher's address/,
    );
  });

  it('reads the warm sandbox and drain settings, refusing values out of range', () => {
    expect(loadConfig({ SANDBOX_WARM_MAX_IDLE: '0', WORKER_DRAIN_GRACE_MS: '500' })).toMatchObject({
      sandboxWarmMaxIdle: 0,
      workerDrainGraceMs: 500,
      sandboxWarmMaxUses: 200,
      sandboxBashMaxProcesses: 128,
    });
    expect(() => loadConfig({ SANDBOX_WARM_MAX_USES: '0' })).toThrow(
      /SANDBOX_WARM_MAX_USES must be a whole number, 1 or more/,
    );
    expect(() => loadConfig({ WORKER_DRAIN_GRACE_MS: '-1' })).toThrow(
      /WORKER_DRAIN_GRACE_MS must be a whole number, 0 or more/,
    );
  });

  it('reads the allowed CORS origins and refuses anything that is not an origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.com, http://127.0.0.1:4200' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://127.0.0.1:4200',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://console.example.com/path' })).toThrow(
      /CORS_ORIGINS must be a comma-separated list of origins.*\/path/,
    );
    expect(() => loadConfig({ JWT_REFRESH_TTL_SECONDS: '0' })).toThrow(
      /JWT_REFRESH_TTL_SECONDS must be a positive integer/,
    );
  });

  it('reads the sign-up, log-in, upload and JSON limits, refusing values out of range', () => {
    expect(loadConfig({})).toMatchObject({
      signupMaxPerIpPerHour: 20,
      signupMaxPerHour: 500,
      loginFreeFailuresPerSource: 5,
      loginMaxDelaySeconds: 900,
      bundleUploadsPerTenantPerMinute: 60,
      maxJsonDepth: 64,
    });
    expect(loadConfig({ LOGIN_FREE_FAILURES_PER_SOURCE: '0', MAX_JSON_DEPTH: '8' })).toMatchObject({
      loginFreeFailuresPerSource: 0,
      maxJsonDepth: 8,
    });
    expect(() => loadConfig({ SIGNUP_MAX_PER_IP_PER_HOUR: '0' })).toThrow(
      /SIGNUP_MAX_PER_IP_PER_HOUR must be a positive integer/,
    );
    expect(() => loadConfig({ SIGNUP_MAX_PER_HOUR: '1.5' })).toThrow(/SIGNUP_MAX_PER_HOUR must be a positive integer/);
    expect(() => loadConfig({ BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE: '0' })).toThrow(
      /BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE must be a positive integer/,
    );
    expect(() => loadConfig({ MAX_JSON_DEPTH: '0' })).toThrow(/MAX_JSON_DEPTH must be a positive integer/);
    expect(() => loadConfig({ MAX_BUNDLE_BYTES: '-5' })).toThrow(/MAX_BUNDLE_BYTES must be a positive integer/);
    expect(() => loadConfig({ LOGIN_FREE_FAILURES_PER_SOURCE: '-1' })).toThrow(
      /LOGIN_FREE_FAILURES_PER_SOURCE must be a whole number, 0 or more/,
    );
  });

  it('turns tracing on only with an OTLP endpoint, as OpenTelemetry defines its variables', () => {
    expect(loadConfig({}).tracing).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: '',
      headers: {},
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/ingest',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D,tenant = ops',
        OTEL_SERVICE_NAME: 'updraft-eu',
      }).tracing,
    ).toEqual({
      tracesUrl: 'https://traces.example.com/ingest',
      serviceName: 'updraft-eu',
      headers: { 'x-api-key': 'abc=', tenant: 'ops' },
    });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing,
    ).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
    expect(() =>
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs/);
  });

  it('reads which proxies to trust for the client address', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(
      /TRUST_PROXY must be a number of proxy hops or a comma-separated list/,
    );
  });

  it('reads the log level and format and the metrics ports, refusing pretty logs in production', () => {
    expect(loadConfig({})).toMatchObject({
      logLevel: 'info',
      logFormat: 'json',
      workerMetricsPort: 9464,
      schedulerMetricsPort: 9465,
    });
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty', WORKER_METRICS_PORT: '0' })).toMatchObject({
      logLevel: 'debug',
      logFormat: 'pretty',
      workerMetricsPort: 0,
    });
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT/);
    expect(() => loadConfig({ SCHEDULER_METRICS_PORT: '70000' })).toThrow(
      /SCHEDULER_METRICS_PORT must be a port number/,
    );
    const secrets = { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'a'.repeat(64) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, LOG_FORMAT: 'pretty' })).toThrow(
      /LOG_FORMAT=pretty is for development only/,
    );
  });
});
