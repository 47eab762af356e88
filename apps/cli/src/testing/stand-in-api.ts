import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliConfig } from '../config';
import type { CliContext } from '../context';
import { run } from '../program';
import { BUILT_CLI } from './built-cli';

export interface RecordedRequest {
  method: string;
  /** Path as sent, still URL-encoded, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface StandInReply {
  status?: number;
  json?: unknown;
  text?: string;
}

export type Route = (request: RecordedRequest) => StandInReply | Promise<StandInReply>;

/** A real HTTP server on 127.0.0.1 that answers from a table of `METHOD /path` routes. */
export class StandInApi {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;

  constructor(private readonly routes: Record<string, Route>) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', 'http://stand-in');
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.requests.push(request);
        const route = this.routes[`${request.method} ${request.path}`];
        const reply: StandInReply = route
          ? await route(request)
          : {
              status: 404,
              json: { statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.path}` },
            };
        const status = reply.status ?? 200;
        if (reply.text !== undefined) {
          res.writeHead(status, { 'content-type': 'text/plain' }).end(reply.text);
        } else {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json ?? {}));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((err) => (err ? reject(err) : resolve())));
  }
}

export function page<T>(items: T[]): { items: T[]; total: number; limit: number; offset: number } {
  return { items, total: items.length, limit: 100, offset: 0 };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the cli in-process with captured streams and the given config. */
export async function runCli(argv: string[], config: Partial<CliConfig>, answers: string[] = []): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    streams: { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    loadConfig: () => ({ credentialsPath: '/nonexistent/credentials.json', url: 'http://127.0.0.1:9', ...config }),
    prompt: async () => answers.shift() ?? '',
    installDir: dirname(BUILT_CLI),
  };
  const code = await run(argv, ctx);
  return { code, stdout, stderr };
}

export function makeTempDir(prefix = 'updraft-cli-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
