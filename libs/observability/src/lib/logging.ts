import { Logger as NestLogger, LoggerService } from '@nestjs/common';
import type { UpdraftConfig } from '@updraft/config';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import pinoHttp from 'pino-http';

export type AppName = 'api' | 'scheduler' | 'worker';

/** Ids a log line carries when they are known: the request, its tenant, and the DAG, run and task it is about. */
export interface LogContext {
  requestId?: string;
  tenant?: string;
  dagId?: string;
  runId?: string;
  taskId?: string;
  taskInstanceId?: string;
  dagRunId?: string;
}

const context = new AsyncLocalStorage<Logger>();
let installed: Logger | undefined;

/** Runs `work` with every log line inside it (also Nest's `Logger`) carrying `ids`. */
export function withLogContext<T>(ids: LogContext, work: () => T): T {
  const parent = context.getStore() ?? installed;
  if (!parent) return work();
  const defined = Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined));
  return context.run(parent.child(defined), work);
}

/**
 * The process's one logger: JSON lines on stdout at LOG_LEVEL, or, with LOG_FORMAT=pretty (which
 * `npm start` sets only when it writes to a terminal), one readable line per entry.
 */
export function createLogger(
  config: Pick<UpdraftConfig, 'logLevel' | 'logFormat'>,
  app: AppName,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (config.logFormat === 'pretty') return pino(options, prettyStream());
  return pino(options);
}

function prettyStream(): DestinationStream {
  // A development tool only (LOG_FORMAT=pretty is refused in production); required here so that
  // production images need not carry it.
  const pretty = require('pino-pretty') as (options: object) => DestinationStream;
  return pretty({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app,context',
    messageFormat: '[{context}] {msg}',
  });
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const LEVELS: Record<NestLevel, pino.Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** Nest's logger interface over pino: `Logger.log(message, context)` becomes `{ level: 'info', context, msg }`, with the ids of the request or job it runs in. */
export class NestPinoLogger implements LoggerService {
  constructor(readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    const logger = context.getStore() ?? this.root;
    const pinoLevel = LEVELS[level];
    if (!logger.isLevelEnabled(pinoLevel)) return;
    // Nest passes the context last; an error's stack, when given, before it.
    const args = [...rest];
    const contextName = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? args.find((arg) => typeof arg === 'string') : undefined;
    const fields: Record<string, unknown> = {};
    if (contextName) fields['context'] = contextName;
    if (stack) fields['stack'] = stack;
    if (message instanceof Error) logger[pinoLevel]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) logger[pinoLevel]({ ...fields, ...message });
    else logger[pinoLevel](fields, String(message));
  }
}

/** Ids named in a route's path (`/tenants/:tenant/dags/:dag_id/dagRuns/:run_id/…`), read from the URL. */
export function idsFromPath(path: string): LogContext {
  const ids: LogContext = {};
  const parts = path.split('?')[0].split('/').filter(Boolean);
  const names: Record<string, keyof LogContext> = {
    tenants: 'tenant',
    dags: 'dagId',
    dagRuns: 'runId',
    taskInstances: 'taskId',
  };
  for (let i = 0; i < parts.length - 1; i++) {
    const key = names[parts[i]];
    if (key) ids[key] = decodeURIComponent(parts[i + 1]);
  }
  return ids;
}

/**
 * Express middleware: gives each request an id (the caller's X-Request-Id when it is sane, else a
 * new one, echoed back), logs one line per answered request, and makes every line logged while
 * serving it carry the request id and the tenant, DAG, run and task named in its path.
 */
export function httpLogging(
  root: Logger,
  quietPaths: RegExp,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const http = pinoHttp({
    logger: root,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: { ignore: (req) => quietPaths.test(req.url ?? '') },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customProps: (req) => ({ requestId: req.id, ...idsFromPath(req.url ?? '') }),
    serializers: {
      req: (req) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => {
    http(req, res);
    const log = (req as IncomingMessage & { log: Logger }).log;
    context.run(log, next);
  };
}

/** Makes pino the logger of Nest's static `Logger` too (also before an app exists: migrate, rotate-secrets). */
export function installLogger(
  config: Pick<UpdraftConfig, 'logLevel' | 'logFormat'>,
  app: AppName,
  destination?: DestinationStream,
): NestPinoLogger {
  const logger = new NestPinoLogger(createLogger(config, app, destination));
  installed = logger.root;
  NestLogger.overrideLogger(logger);
  return logger;
}
