import { createHmac } from 'node:crypto';
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
  /** Block Kit blocks, when the message has any (buttons are in an `actions` block). */
  blocks: SlackBlock[] | null;
  /** Set for a reply in a thread. */
  threadTs: string | null;
  /** `chat.postEphemeral`'s user (a message only they see). */
  user: string | null;
  /** The message's `ts`, as Slack answered it. */
  ts: string;
}

export interface SlackBlock {
  type: string;
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
}

/** A click on a message's button, as Slack's interactivity sends it to the app's Request URL (signed). */
export interface SlackClick {
  /** The app's Request URL (the platform's interactivity endpoint). */
  url: string;
  signingSecret: string;
  message: SlackMessage;
  actionId: string;
  /** The Slack user clicking (see `addUser`). */
  userId: string;
  /** Seconds since the epoch the request says it was sent (default now). */
  timestamp?: number;
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
  /** A Slack user `users.info` knows, with their profile's email. */
  addUser(id: string, email: string): void;
  /** Clicks a button of a message as Slack does: a signed `block_actions` request to the app's URL. Returns the HTTP status. */
  click(
    click: SlackClick,
  ): Promise<{ status: number; body: string; request: { headers: Record<string, string>; body: string } }>;
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
  const users = new Map<string, string>();
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
        const token = (request.headers.authorization ?? '').replace(/^Bearer /, '') || String(body['token'] ?? '');
        if (path === '/api/chat.postMessage' || path === '/api/chat.postEphemeral') {
          if (!token) return reply(200, { ok: false, error: 'not_authed' });
          const ts = `${Date.now() / 1000}${messages.length}`;
          const blocks = typeof body['blocks'] === 'string' ? JSON.parse(body['blocks']) : body['blocks'];
          messages.push({
            method: path.slice('/api/'.length),
            credential: token,
            channel: String(body['channel'] ?? ''),
            text: String(body['text'] ?? ''),
            blocks: (blocks as SlackBlock[] | undefined) ?? null,
            threadTs: body['thread_ts'] ? String(body['thread_ts']) : null,
            user: body['user'] ? String(body['user']) : null,
            ts,
          });
          return reply(200, { ok: true, channel: body['channel'], ts, message_ts: ts });
        }
        if (path === '/api/users.info') {
          if (!token) return reply(200, { ok: false, error: 'not_authed' });
          const email = users.get(String(body['user'] ?? ''));
          if (!email) return reply(200, { ok: false, error: 'user_not_found' });
          return reply(200, { ok: true, user: { id: body['user'], profile: { email } } });
        }
        if (path.startsWith('/webhooks/')) {
          messages.push({
            method: 'webhook',
            credential: path,
            channel: null,
            text: String(body['text'] ?? ''),
            blocks: (body['blocks'] as SlackBlock[] | undefined) ?? null,
            threadTs: null,
            user: null,
            ts: `${Date.now() / 1000}`,
          });
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
    addUser(id, email) {
      users.set(id, email);
    },
    async click({ url, signingSecret, message, actionId, userId, timestamp = Math.floor(Date.now() / 1000) }) {
      const button = (message.blocks ?? [])
        .flatMap((block) => block.elements ?? [])
        .find((element) => element.action_id === actionId);
      if (!button) throw new Error(`the message has no button ${actionId}`);
      const payload = {
        type: 'block_actions',
        user: { id: userId },
        channel: { id: message.channel },
        message: { ts: message.ts },
        actions: [{ type: 'button', action_id: actionId, value: button.value }],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      };
      const response = await fetch(url, { method: 'POST', headers, body });
      return { status: response.status, body: await response.text(), request: { headers, body } };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
