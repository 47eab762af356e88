import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

export interface SlackMessage {
  /** `chat.postMessage`, or `webhook` for an incoming-webhook post. */
  method: string;
  /** The bot token (`Bearer …`) or the webhook path. */
  credential: string;
  channel: string | null;
  text: string;
}

export interface SlackStandIn {
  /** Base URL for `slackApiUrl` / SLACK_API_URL (ends with `/`). */
  url: string;
  /** An incoming-webhook URL served by the stand-in. */
  webhookUrl: string;
  messages: SlackMessage[];
  /** Fails the next `count` calls: with HTTP 500, or with Slack's `{ ok: false, error }`. */
  failNext(count: number, mode?: 'http' | 'api'): void;
  waitForMessage(match: (message: SlackMessage) => boolean, what: string, timeoutMs?: number): Promise<SlackMessage>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  return Object.fromEntries(new URLSearchParams(raw));
}

/** A local stand-in for Slack's Web API (`chat.postMessage`) and incoming webhooks that records what it is sent. */
export async function startSlackStandIn(): Promise<SlackStandIn> {
  const messages: SlackMessage[] = [];
  let failures = 0;
  let failureMode: 'http' | 'api' = 'http';
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        const path = (request.url ?? '').split('?')[0];
        const reply = (status: number, payload: unknown) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(payload));
        };
        if (failures > 0) {
          failures -= 1;
          if (failureMode === 'http') reply(500, { ok: false, error: 'internal_error' });
          else reply(200, { ok: false, error: 'channel_not_found' });
          return;
        }
        if (path === '/api/chat.postMessage') {
          const token = (request.headers.authorization ?? '').replace(/^Bearer /, '') || String(body['token'] ?? '');
          if (!token) return reply(200, { ok: false, error: 'not_authed' });
          messages.push({
            method: 'chat.postMessage',
            credential: token,
            channel: String(body['channel'] ?? ''),
            text: String(body['text'] ?? ''),
          });
          return reply(200, { ok: true, channel: body['channel'], ts: `${Date.now() / 1000}` });
        }
        if (path.startsWith('/webhooks/')) {
          messages.push({ method: 'webhook', credential: path, channel: null, text: String(body['text'] ?? '') });
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('ok');
          return;
        }
        reply(404, { ok: false, error: 'unknown_method' });
      },
      (error: Error) => {
        response.writeHead(400);
        response.end(error.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/T000/B000/stand-in-secret`,
    messages,
    failNext(count, mode = 'http') {
      failures = count;
      failureMode = mode;
    },
    waitForMessage(match, what, timeoutMs = 15_000) {
      return waitFor(
        async () => messages.find(match),
        (found) => found !== undefined,
        { timeoutMs, intervalMs: 50, what },
      ) as Promise<SlackMessage>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
