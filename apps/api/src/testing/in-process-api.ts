import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { MailModule } from '@updraft/mail';
import { AccountMailProcessor } from '@updraft/notifications';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../app/app.module';
import { jsonBodyOptions } from '../services/http/json-body';
import { createValidationPipe } from '../services/http/validation';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: () => any;
}

export interface CallOptions {
  token?: string;
  /** A JSON value, or a raw string sent as it is with content-type application/json. */
  body?: unknown;
  /** The client's source address (any 127.x.y.z on Linux loopback): how tests stand for separate clients. */
  from?: string;
  /** Sent as X-Forwarded-For, as a load balancer would. */
  forwardedFor?: string;
}

/** A suite's own database, Redis prefix and SMTP server (libs/testing's createTestResources), released when the api stops. */
export interface SuiteResources {
  settings: Partial<UpdraftConfig>;
  release(): Promise<void>;
}

export interface InProcessApi<R extends SuiteResources = SuiteResources> {
  app: INestApplication;
  resources: R;
  config: UpdraftConfig;
  base: string;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  stop(): Promise<void>;
}

/**
 * The api app in this process, wired like main.ts (JSON body parser, validation), on the suite's
 * resources, with `overrides` of the configuration. It also delivers the account mails the api
 * queues (apps/worker's AccountMailProcessor), so a suite reads them from its SMTP capture.
 */
export async function startInProcessApi<R extends SuiteResources>(
  resources: R,
  overrides: Partial<UpdraftConfig> = {},
): Promise<InProcessApi<R>> {
  const config: UpdraftConfig = { ...loadConfig(), ...resources.settings, ...overrides };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule, MailModule],
    providers: [AccountMailProcessor],
  })
    .overrideProvider(UPDRAFT_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'], bodyParser: false });
  app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', jsonBodyOptions(config));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    app,
    resources,
    config,
    base,
    call: (method, path, options = {}) => send(method, `${base}/api/v1/${path}`, options),
    stop: async () => {
      await app.close();
      await resources.release();
    },
  };
}

function send(method: string, url: string, { token, body, from, forwardedFor }: CallOptions): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        localAddress: from,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
