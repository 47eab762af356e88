import type { HttpConfig, TaskConnection } from '@updraft/sdk';
import { httpCheck } from '@updraft/domain';
import { DestinationRefusedError, type OperatorIo, type OperatorOutcome } from './outcome';
import { readBodyCapped, type FetchedResponse, type Fetcher } from './response-body';

/** Bodies past this size fail the task rather than fill XCom or memory. */
export const MAX_HTTP_RESPONSE_BYTES = 1024 * 1024;

export interface HttpOperatorIo extends OperatorIo {
  fetch: Fetcher;
  /** The connection the task names; null when it is not defined. */
  connection: (connId: string) => Promise<TaskConnection | null>;
}

function baseUrlOf(connection: TaskConnection): string {
  const scheme =
    connection.schema && /^https?$/.test(connection.schema)
      ? connection.schema
      : connection.connType === 'https'
        ? 'https'
        : 'http';
  const host = (connection.host ?? '').replace(/\/+$/, '');
  if (/^https?:\/\//.test(host)) return host;
  return `${scheme}://${host}${connection.port ? `:${connection.port}` : ''}`;
}

function base64Utf8(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''));
}

/** The `http` operator: one request (no tenant code runs); the response body is the XCom. */
export async function runHttpOperator(config: HttpConfig, io: HttpOperatorIo): Promise<OperatorOutcome> {
  const headers: Record<string, string> = {};
  let url = config.url;
  if (config.connection) {
    const connection = await io.connection(config.connection);
    if (!connection) return { outcome: 'fail', message: `connection '${config.connection}' is not defined` };
    if (!/^https?:\/\//.test(url)) url = `${baseUrlOf(connection)}/${url.replace(/^\/+/, '')}`;
    if (connection.login !== null)
      headers['authorization'] = `Basic ${base64Utf8(`${connection.login}:${connection.password ?? ''}`)}`;
    const extraHeaders = connection.extra?.['headers'];
    if (extraHeaders && typeof extraHeaders === 'object') Object.assign(headers, extraHeaders);
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return {
      outcome: 'fail',
      message: `'${url}' is not an absolute URL (give a full URL or a connection with a host)`,
    };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return { outcome: 'fail', message: `only http and https URLs are allowed, not '${target.protocol}'` };
  Object.assign(headers, config.headers);
  let body: string | undefined;
  if (config.body !== null && config.body !== undefined && config.method !== 'GET' && config.method !== 'HEAD') {
    body = typeof config.body === 'string' ? config.body : JSON.stringify(config.body);
    if (typeof config.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  const request = `${config.method} ${target.origin}${target.pathname}`;
  io.log(request);
  const limitMs = Math.min(config.timeoutMs, io.timeoutMs);
  let response: FetchedResponse;
  try {
    response = await io.fetch(target, {
      method: config.method,
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.any([io.signal, AbortSignal.timeout(limitMs)]),
    });
  } catch (error) {
    if (error instanceof DestinationRefusedError)
      return { outcome: 'fail', message: `${request} refused: ${error.message}` };
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no response within ${limitMs} ms`
        : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    return { outcome: 'error', message: `${request} failed: ${reason}` };
  }
  const { text, truncated } = await readBodyCapped(response, MAX_HTTP_RESPONSE_BYTES);
  io.log(`HTTP ${response.status} ${response.statusText}`);
  if (truncated) return { outcome: 'fail', message: `the response body is over ${MAX_HTTP_RESPONSE_BYTES} bytes` };
  const check = httpCheck(
    { expectStatus: config.expectStatus, bodyContains: config.bodyContains, jsonPath: null, jsonEquals: null },
    response.status,
    text,
  );
  if (!check.ok)
    return {
      outcome: response.status >= 500 ? 'error' : 'fail',
      message: `${request}: ${check.reason}; body: ${text.slice(0, 200)}`,
    };
  return { outcome: 'success', valueJson: jsonOf(text, response.headers.get('content-type')) };
}

/** The XCom of a response: its JSON when it is JSON, else the text. */
function jsonOf(text: string, contentType: string | null): string | null {
  if (text.length === 0) return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch {
      // a body that says JSON but is not is kept as text
    }
  }
  return JSON.stringify(text);
}
