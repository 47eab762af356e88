import { Injectable } from '@nestjs/common';
import { httpCheck } from '@updraft/domain';
import { EgressDeniedError, egressFetch, EgressPolicy } from '@updraft/egress';
import type { TaskOutcome } from '@updraft/sandbox';
import type { HttpConfig, TaskConnection } from '@updraft/sdk';
import type { OperatorExecutor, TryContext } from './operator-executor';
import { PlatformCalls } from './platform-calls.service';
import { readBodyCapped } from './response-body';

/** Bodies past this size fail the task rather than fill XCom or the worker's memory. */
export const MAX_HTTP_RESPONSE_BYTES = 1024 * 1024;

function baseUrlOf(connection: TaskConnection): string {
  const scheme = connection.schema && /^https?$/.test(connection.schema) ? connection.schema : connection.connType === 'https' ? 'https' : 'http';
  const host = (connection.host ?? '').replace(/\/+$/, '');
  if (/^https?:\/\//.test(host)) return host;
  return `${scheme}://${host}${connection.port ? `:${connection.port}` : ''}`;
}

/** The `http` operator: one request made by the worker (no tenant code runs); the response body is the XCom. */
@Injectable()
export class HttpExecutor implements OperatorExecutor {
  readonly operators = ['http'] as const;

  constructor(private readonly platform: PlatformCalls, private readonly egress: EgressPolicy) {}

  async execute({ ti, task, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const config = task.config as unknown as HttpConfig;
    const headers: Record<string, string> = {};
    let url = config.url;
    if (config.connection) {
      const connection = await this.platform.connection(ti.tenantId, config.connection, sink);
      if (!connection) return { outcome: 'fail', message: `connection '${config.connection}' is not defined` };
      if (!/^https?:\/\//.test(url)) url = `${baseUrlOf(connection)}/${url.replace(/^\/+/, '')}`;
      if (connection.login !== null) headers['authorization'] = `Basic ${Buffer.from(`${connection.login}:${connection.password ?? ''}`).toString('base64')}`;
      const extraHeaders = connection.extra?.['headers'];
      if (extraHeaders && typeof extraHeaders === 'object') Object.assign(headers, extraHeaders);
    }
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { outcome: 'fail', message: `'${url}' is not an absolute URL (give a full URL or a connection with a host)` };
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return { outcome: 'fail', message: `only http and https URLs are allowed, not '${target.protocol}'` };
    Object.assign(headers, config.headers);
    let body: string | undefined;
    if (config.body !== null && config.body !== undefined && config.method !== 'GET' && config.method !== 'HEAD') {
      body = typeof config.body === 'string' ? config.body : JSON.stringify(config.body);
      if (typeof config.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    sink.write('system', `${config.method} ${target.origin}${target.pathname}`);
    let response: Awaited<ReturnType<typeof egressFetch>>;
    try {
      response = await egressFetch(this.egress, target, {
        method: config.method, headers, body, redirect: 'follow',
        signal: AbortSignal.any([signal, AbortSignal.timeout(Math.min(config.timeoutMs, timeoutMs))]),
      });
    } catch (error) {
      if (error instanceof EgressDeniedError) return { outcome: 'fail', message: `${config.method} ${target.origin}${target.pathname} refused: ${error.message}` };
      const reason = (error as Error).name === 'TimeoutError' ? `no response within ${Math.min(config.timeoutMs, timeoutMs)} ms` : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      return { outcome: 'error', message: `${config.method} ${target.origin}${target.pathname} failed: ${reason}` };
    }
    const { text, truncated } = await readBodyCapped(response, MAX_HTTP_RESPONSE_BYTES);
    sink.write('system', `HTTP ${response.status} ${response.statusText}`);
    if (truncated) return { outcome: 'fail', message: `the response body is over ${MAX_HTTP_RESPONSE_BYTES} bytes` };
    const check = httpCheck({ expectStatus: config.expectStatus, bodyContains: config.bodyContains, jsonPath: null, jsonEquals: null }, response.status, text);
    if (!check.ok) return { outcome: response.status >= 500 ? 'error' : 'fail', message: `${config.method} ${target.origin}${target.pathname}: ${check.reason}; body: ${text.slice(0, 200)}` };
    return { outcome: 'success', valueJson: jsonOf(text, response.headers.get('content-type')) };
  }
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
