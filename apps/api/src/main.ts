import { BadRequestException, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { loadConfig, UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import {
  httpLogging,
  httpMetrics,
  httpTracing,
  installLogger,
  startTracing,
  UpdraftMetrics,
} from '@updraft/observability';
import { createDatabaseIfMissing, dataSourceOptions, runMigrations } from '@updraft/persistence';
import { SecretBox } from '@updraft/secrets';
import { DataSource } from 'typeorm';
import { writeFileSync } from 'node:fs';
import helmet from 'helmet';
import { AppModule } from './app/app.module';
import { AuditService } from './app/audit/audit.service';
import { OPERATIONS_REQUEST, OPERATIONS_ROUTES } from './app/operations/operations-routes';
import { webhookBody } from './app/webhooks/webhook-body';
import { API_PREFIX, buildOpenApiDocument } from './app/openapi-document';
import { serveConsole } from './services/http/console-static';
import { jsonBodyOptions } from './services/http/json-body';
import { createValidationPipe } from './services/http/validation';
import { rotateSecrets } from './services/secrets/rotate-secrets';

async function migrate(): Promise<void> {
  const config = loadConfig();
  installLogger(config, 'api');
  await createDatabaseIfMissing(config.databaseUrl);
  const applied = await runMigrations(config.databaseUrl);
  Logger.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database is up to date', 'Migrate');
}

/** After a key change: re-encrypts stored secrets under the current ENCRYPTION_KEY. */
async function rotate(): Promise<void> {
  const config = loadConfig();
  installLogger(config, 'api');
  const db = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  try {
    const rotated = await rotateSecrets(db, new SecretBox(config.encryptionKey, config.retiredEncryptionKeys));
    Logger.log(
      `re-encrypted ${rotated.variables} variable(s), ${rotated.connections} connection password(s), ${rotated.channels} notification channel(s) and ${rotated.webhooks} webhook secret(s)`,
      'RotateSecrets',
    );
  } finally {
    await db.destroy();
  }
}

/** Writes the OpenAPI document (to the file named, else stdout) from the app's modules alone: no database, Redis or configuration needed. */
async function openapi(): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  if (process.argv[3]) writeFileSync(process.argv[3], json);
  else process.stdout.write(json);
}

async function serve(): Promise<void> {
  const logger = installLogger(loadConfig(), 'api');
  // Spans leave each second; at a signal Nest exits without a flush, so the last second's may be lost.
  startTracing(loadConfig().tracing, 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger });
  const config = app.get<UpdraftConfig>(UPDRAFT_CONFIG);
  app.set('trust proxy', config.trustProxy);
  // Probes and scrapes answer every few seconds: timed, but neither logged nor traced.
  app.use(httpTracing(OPERATIONS_REQUEST));
  app.use(httpLogging(logger.root, OPERATIONS_REQUEST));
  app.use(httpMetrics(app.get(UpdraftMetrics)));
  // First, so that every answer (also a refused body) carries the security and CORS headers.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'script-src-attr': ["'unsafe-inline'"] },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: false,
    maxAge: 600,
  });
  // Before the body parser, so that refused bodies (too large, not JSON) are audited too.
  app.use(app.get(AuditService).middleware());
  // Webhook calls are signed over their exact bytes: read raw, before the JSON parser.
  app.use(`/${API_PREFIX}/hooks/`, webhookBody(config.webhookMaxBodyBytes));
  app.useBodyParser('json', jsonBodyOptions(config));
  // Nest would turn the parser's SyntaxError into a 400 carrying JSON.parse's own wording.
  app.use((error: { type?: string }, _req: unknown, _res: unknown, next: (error: unknown) => void) =>
    next(error?.type === 'entity.parse.failed' ? new BadRequestException('request body is not valid JSON') : error),
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: OPERATIONS_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { swaggerOptions: { persistAuthorization: true } });
  const consoleServed = serveConsole(app, config.consoleDir);
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  Logger.log(
    `Updraft api listening on http://127.0.0.1:${config.port}${consoleServed ? ' (console at /)' : ` (console not built at ${config.consoleDir})`}`,
    'Api',
  );
}

(({ migrate, 'rotate-secrets': rotate, openapi })[process.argv[2] ?? ''] ?? serve)().catch((error) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Api');
  process.exit(1);
});
