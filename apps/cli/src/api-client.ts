import {
  apiPath,
  type ApiBody,
  type ApiItem,
  type ApiMethod,
  type ApiPathFor,
  type ApiPathParams,
  type ApiQuery,
  type ApiResult,
} from '@updraft/api-client';
import type {
  BackfillCreated,
  Bundle,
  ClearResult,
  Connection,
  CreatedApiToken,
  DagDetail,
  DagRun,
  DagSummary,
  LogLine,
  LoginResponse,
  Page,
  Pool,
  SessionTokens,
  TaskInstance,
  TaskLogs,
  Variable,
} from './api-types';
import { CliError, oneLine } from './errors';

export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  /** When set, a 401 on an expired access token is answered by one refresh and a retry. */
  refresh?: { token: string; onRefreshed: (tokens: SessionTokens) => void };
  timeoutMs?: number;
}

/** What a try's log stream carries: its lines, then once the try is over, the task's state. */
export type LogStreamEvent = { kind: 'line'; line: LogLine } | { kind: 'end'; state: string };

/** Which task instances `POST …/dagRuns/{runId}/clear` sets back to run again. */
export type ClearRequest = ApiBody<'/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/clear', 'post'>;

type ApiPath = ApiPathFor<ApiMethod>;

/** The tenant resources the API lists, reads, creates, patches and deletes by one key. */
export type KeyedResource = 'variables' | 'connections' | 'pools';

/** Each kind's routes, from the document: a route renamed there breaks this table's compile. */
const KEYED_ROUTES = {
  variables: {
    list: '/api/v1/tenants/{tenant}/variables',
    one: '/api/v1/tenants/{tenant}/variables/{key}',
    key: 'key',
  },
  connections: {
    list: '/api/v1/tenants/{tenant}/connections',
    one: '/api/v1/tenants/{tenant}/connections/{connId}',
    key: 'connId',
  },
  pools: { list: '/api/v1/tenants/{tenant}/pools', one: '/api/v1/tenants/{tenant}/pools/{name}', key: 'name' },
} as const satisfies Record<
  KeyedResource,
  {
    list: ApiPathFor<'get'> & ApiPathFor<'post'>;
    one: ApiPathFor<'get'> & ApiPathFor<'patch'> & ApiPathFor<'delete'>;
    key: string;
  }
>;

/** A call of an operation of the api's OpenAPI document: its path parameters, query and body as the document types them. */
export interface CallOptions<P extends ApiPath, M extends ApiMethod> {
  params?: ApiPathParams<P, M>;
  query?: ApiQuery<P, M>;
  json?: ApiBody<P, M>;
  form?: FormData;
  timeoutMs?: number;
  /** Leave the body unread and return the response (a stream); no timeout once it answers. */
  stream?: boolean;
  /** Called as the request body is handed to the network: bytes sent so far, and in all. */
  onUploadProgress?: (sent: number, total: number) => void;
}

const UPLOAD_CHUNK_BYTES = 64 * 1024;

/** The body as a stream of chunks that reports how much of it has been taken. */
function reportingStream(
  bytes: Uint8Array,
  onProgress: (sent: number, total: number) => void,
): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      const chunk = bytes.subarray(sent, sent + UPLOAD_CHUNK_BYTES);
      sent += chunk.length;
      controller.enqueue(chunk);
      onProgress(sent, bytes.length);
    },
  });
}

const PAGE_SIZE = 100;
const RUN = '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}';

/**
 * The CLI's calls to the api, each an operation of the OpenAPI document by its path template (libs/api-client's
 * generated `paths`): its parameters, body and answer are the document's types, so a route or field the api changes
 * breaks the CLI's compile. Sent with fetch here for upload progress, timeouts, streams and one token refresh.
 */
export class ApiClient {
  readonly baseUrl: string;
  private token?: string;
  private refresh?: ApiClientOptions['refresh'];
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.token = options.token;
    this.refresh = options.refresh;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  login(email: string, password: string): Promise<LoginResponse> {
    return this.call('post', '/api/v1/auth/login', { json: { email, password } });
  }

  uploadBundle(
    tenant: string,
    archive: Uint8Array,
    fileName: string,
    onUploadProgress?: (sent: number, total: number) => void,
  ): Promise<Bundle> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(archive)], { type: 'application/gzip' }), fileName);
    // The server waits up to 30 s for the parse; leave room for the upload itself.
    return this.call('post', '/api/v1/tenants/{tenant}/bundles', {
      params: { tenant },
      query: { wait: true },
      form,
      timeoutMs: Math.max(this.timeoutMs, 120_000),
      onUploadProgress,
    });
  }

  listBundles(tenant: string): Promise<Bundle[]> {
    return this.listAll('/api/v1/tenants/{tenant}/bundles', { tenant });
  }

  rollbackBundle(tenant: string, bundleVersionId: string): Promise<Bundle> {
    return this.call('post', '/api/v1/tenants/{tenant}/bundles/{id}/rollback', {
      params: { tenant, id: bundleVersionId },
    });
  }

  listDags(tenant: string): Promise<DagSummary[]> {
    return this.listAll('/api/v1/tenants/{tenant}/dags', { tenant });
  }

  getDag(tenant: string, dagId: string): Promise<DagDetail> {
    return this.call('get', '/api/v1/tenants/{tenant}/dags/{dagId}', { params: { tenant, dagId } });
  }

  setDagPaused(tenant: string, dagId: string, isPaused: boolean): Promise<DagSummary | DagDetail> {
    return this.call('patch', '/api/v1/tenants/{tenant}/dags/{dagId}', {
      params: { tenant, dagId },
      json: { isPaused },
    });
  }

  triggerDagRun(tenant: string, dagId: string, conf?: Record<string, unknown>): Promise<DagRun> {
    return this.call('post', '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', {
      params: { tenant, dagId },
      json: conf === undefined ? {} : { conf },
    });
  }

  createBackfill(
    tenant: string,
    dagId: string,
    request: { from: string; to: string; reprocess: boolean },
  ): Promise<BackfillCreated> {
    return this.call('post', '/api/v1/tenants/{tenant}/dags/{dagId}/backfills', {
      params: { tenant, dagId },
      json: request,
    }) as Promise<BackfillCreated>; // without dryRun the route answers 201 with the backfill
  }

  listDagRuns(tenant: string, dagId: string, page: { limit: number; offset: number }): Promise<Page<DagRun>> {
    return this.call('get', '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', {
      params: { tenant, dagId },
      query: page,
    });
  }

  listAllDagRuns(tenant: string, dagId: string): Promise<DagRun[]> {
    return this.listAll('/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', { tenant, dagId });
  }

  getDagRun(tenant: string, dagId: string, runId: string): Promise<DagRun> {
    return this.call('get', RUN, { params: { tenant, dagId, runId } });
  }

  markDagRun(tenant: string, dagId: string, runId: string, state: 'success' | 'failed'): Promise<DagRun> {
    return this.call('patch', RUN, { params: { tenant, dagId, runId }, json: { state } }) as Promise<DagRun>; // not a dry run
  }

  clearDagRun(tenant: string, dagId: string, runId: string, request: ClearRequest): Promise<ClearResult> {
    return this.call('post', `${RUN}/clear`, { params: { tenant, dagId, runId }, json: request });
  }

  markTaskInstance(
    tenant: string,
    dagId: string,
    runId: string,
    taskId: string,
    state: 'success' | 'failed',
  ): Promise<TaskInstance> {
    return this.call('patch', `${RUN}/taskInstances/{taskId}`, {
      params: { tenant, dagId, runId, taskId },
      json: { state },
    }) as Promise<TaskInstance>; // not a dry run
  }

  listTaskInstances(tenant: string, dagId: string, runId: string): Promise<TaskInstance[]> {
    return this.listAll(`${RUN}/taskInstances`, { tenant, dagId, runId });
  }

  /** A try's whole stored log: the route answers a page at a time (at most 10,000 lines), each naming the next by its `next` cursor. */
  async getTaskLogs(
    tenant: string,
    dagId: string,
    runId: string,
    taskId: string,
    tryNumber: number,
  ): Promise<TaskLogs> {
    const path = `${RUN}/taskInstances/{taskId}/logs/{try}` as const;
    const params = { tenant, dagId, runId, taskId, try: tryNumber };
    let logs = await this.call('get', path, { params });
    while (logs.next) {
      const page = await this.call('get', path, { params, query: { after: logs.next } });
      logs = { ...page, lines: logs.lines.concat(page.lines), truncated: logs.truncated || page.truncated };
    }
    return logs;
  }

  /** Follows a try's log over Server-Sent Events: every stored line, the new ones as they come, then its end. */
  async *streamTaskLogs(
    tenant: string,
    dagId: string,
    runId: string,
    taskId: string,
    tryNumber: number,
  ): AsyncGenerator<LogStreamEvent> {
    const response = await this.stream(`${RUN}/taskInstances/{taskId}/logs/{try}/stream`, {
      params: { tenant, dagId, runId, taskId, try: tryNumber },
    });
    if (!response.body) return;
    for await (const event of serverSentEvents(response.body)) {
      const data = JSON.parse(event.data) as LogLine & { state?: string };
      if (event.type === 'end') {
        yield { kind: 'end', state: data.state ?? 'unknown' };
        return;
      }
      yield { kind: 'line', line: data };
    }
  }

  listResource<T extends Variable | Connection | Pool>(tenant: string, kind: KeyedResource): Promise<T[]> {
    return this.listAll(KEYED_ROUTES[kind].list, { tenant }) as Promise<T[]>;
  }

  getResource<T extends Variable | Connection | Pool>(tenant: string, kind: KeyedResource, key: string): Promise<T> {
    const route = KEYED_ROUTES[kind];
    return this.call('get', route.one, { params: keyParams(tenant, route.key, key) }) as Promise<T>;
  }

  createResource<T extends Variable | Connection | Pool>(
    tenant: string,
    kind: KeyedResource,
    body: Record<string, unknown>,
  ): Promise<T> {
    const json = body as ApiBody<(typeof KEYED_ROUTES)[KeyedResource]['list'], 'post'>; // the command line's fields
    return this.call('post', KEYED_ROUTES[kind].list, { params: { tenant }, json }) as Promise<T>;
  }

  updateResource<T extends Variable | Connection | Pool>(
    tenant: string,
    kind: KeyedResource,
    key: string,
    body: Record<string, unknown>,
  ): Promise<T> {
    const route = KEYED_ROUTES[kind];
    const json = body as ApiBody<(typeof KEYED_ROUTES)[KeyedResource]['one'], 'patch'>; // the command line's fields
    return this.call('patch', route.one, { params: keyParams(tenant, route.key, key), json }) as Promise<T>;
  }

  async deleteResource(tenant: string, kind: KeyedResource, key: string): Promise<void> {
    const route = KEYED_ROUTES[kind];
    await this.call('delete', route.one, { params: keyParams(tenant, route.key, key) });
  }

  createApiToken(
    tenant: string,
    request: {
      name: string;
      scopes: ApiBody<'/api/v1/tenants/{tenant}/apiTokens', 'post'>['scopes'];
      expiresInDays?: number;
    },
  ): Promise<CreatedApiToken> {
    return this.call('post', '/api/v1/tenants/{tenant}/apiTokens', { params: { tenant }, json: request });
  }

  /** Every item of a paged list route, a page at a time. */
  async listAll<P extends ApiPathFor<'get'>>(template: P, params: ApiPathParams<P, 'get'>): Promise<ApiItem<P>[]> {
    const items: ApiItem<P>[] = [];
    for (let offset = 0; ;) {
      const page = (await this.call('get', template as ApiPathFor<'get'>, {
        params: params as never,
        query: { limit: PAGE_SIZE, offset } as never,
      })) as unknown as { items: ApiItem<P>[]; total: number };
      items.push(...page.items);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return items;
    }
  }

  /** An operation of the document, by its method and path template; a 401 on an expired access token is answered by one refresh and a retry. */
  call<M extends ApiMethod, P extends ApiPathFor<M>>(
    method: M,
    template: P,
    options: CallOptions<P, M> = {},
  ): Promise<ApiResult<P, M>> {
    return this.withRefresh(() => this.send(method, template, options)).then(parseJson<ApiResult<P, M>>);
  }

  /** A `text/event-stream` operation: the open response, its body unread (no timeout once it answers). */
  private stream<P extends ApiPathFor<'get'>>(template: P, options: CallOptions<P, 'get'>): Promise<Response> {
    return this.withRefresh(() => this.send('get', template, { ...options, stream: true }));
  }

  private async withRefresh(send: () => Promise<Response>): Promise<Response> {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401 && this.token && this.refresh)) throw err;
      await this.refreshTokens(this.refresh);
      return send();
    }
  }

  /** Spends the refresh token once; its successor is handed to `onRefreshed` to be stored. */
  private async refreshTokens(refresh: NonNullable<ApiClientOptions['refresh']>): Promise<void> {
    this.refresh = undefined;
    const tokens = await new ApiClient({ baseUrl: this.baseUrl, timeoutMs: this.timeoutMs })
      .call('post', '/api/v1/auth/refresh', { json: { refreshToken: refresh.token } })
      .catch((err: ApiError) => {
        throw new ApiError(`the session has ended (${err.message}); run \`updraft login\` again`, err.status);
      });
    this.token = tokens.accessToken;
    refresh.onRefreshed(tokens);
    this.refresh = { ...refresh, token: tokens.refreshToken };
  }

  /** Sends the request; answers the response when it is a success (a JSON body read into `text`, or an open stream). */
  private async send<P extends ApiPath, M extends ApiMethod>(
    method: M,
    template: P,
    options: CallOptions<P, M>,
  ): Promise<Response> {
    const url = new URL(
      `${this.baseUrl}${apiPath(template, (options.params ?? {}) as Record<string, string | number>)}`,
    );
    for (const [key, value] of Object.entries((options.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined) url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const headers: Record<string, string> = { accept: options.stream ? 'text/event-stream' : 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    let body: string | FormData | ReadableStream<Uint8Array> | undefined;
    if (options.form && options.onUploadProgress) {
      const encoded = new Response(options.form);
      headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
      body = reportingStream(new Uint8Array(await encoded.arrayBuffer()), options.onUploadProgress);
    } else if (options.form) {
      body = options.form;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }

    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let response: Response;
    // A stream may stay open for as long as the task runs: only its answer is timed.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
    try {
      // A streamed body needs half-duplex (Node's fetch refuses it otherwise).
      response = await fetch(url, {
        method: method.toUpperCase(),
        headers,
        body,
        signal: abort.signal,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
      if (options.stream && response.ok) {
        clearTimeout(timer);
        return response;
      }
    } catch (err) {
      clearTimeout(timer);
      throw new ApiError(describeFetchFailure(err, this.baseUrl, timeoutMs));
    }

    const text = await response.text().finally(() => clearTimeout(timer));
    if (!response.ok) {
      let message = describeErrorResponse(response.status, response.statusText, text);
      if (response.status === 401 && this.token) message += '; run `updraft login` again';
      throw new ApiError(message, response.status);
    }
    return new Response(text || null, {
      status: response.status,
      headers: { 'x-request': `${method.toUpperCase()} ${url.pathname}` },
    });
  }
}

/** The JSON of a successful answer (nothing for an empty one). */
async function parseJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(
      `${response.headers.get('x-request')} answered with something that is not JSON (HTTP ${response.status})`,
    );
  }
}

function keyParams(tenant: string, name: string, key: string): { tenant: string; key: string } {
  return { tenant, [name]: key } as { tenant: string; key: string };
}

/** The events of a `text/event-stream` body: each block's `event:` (default `message`) and joined `data:` lines. */
export async function* serverSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ type: string; data: string }> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) yield { type, data: data.join('\n') };
    }
  }
}

/** Turns the API's error JSON ({ statusCode, error, message, details? }) into one line. */
export function describeErrorResponse(status: number, statusText: string, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object') {
    const { message, error, details } = parsed as { message?: unknown; error?: unknown; details?: unknown };
    let text = joinMessages(message) || (typeof error === 'string' ? error : '') || statusText || 'request failed';
    const detailText = joinMessages(details);
    if (detailText && !text.includes(detailText)) text += `: ${detailText}`;
    return oneLine(`${text} (HTTP ${status})`);
  }
  const plain = body.trim();
  const snippet = plain && plain.length <= 200 && !plain.startsWith('<') ? `: ${plain}` : '';
  return oneLine(`${statusText || 'request failed'}${snippet} (HTTP ${status})`);
}

function joinMessages(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'string') return item;
        if (item && typeof item === 'object') {
          const { message, field, path } = item as { message?: unknown; field?: unknown; path?: unknown };
          const where = typeof field === 'string' ? field : typeof path === 'string' ? path : '';
          if (typeof message === 'string') return where ? `${where}: ${message}` : message;
          return JSON.stringify(item);
        }
        return String(item);
      })
      .join('; ');
  }
  return '';
}

function describeFetchFailure(err: unknown, baseUrl: string, timeoutMs: number): string {
  const error = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
    return `${baseUrl} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const reason = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(err);
  return oneLine(`cannot reach ${baseUrl} (${reason})`);
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`invalid API URL "${raw}": expected something like http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`invalid API URL "${raw}": only http and https are supported`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}
