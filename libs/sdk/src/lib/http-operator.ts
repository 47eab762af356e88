import { currentDag, Task } from './dag';
import { Duration, parseDuration } from './duration';
import { DagDefinitionError } from './errors';
import { callerLocation } from './source-location';
import { TaskArgs } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

export interface HttpOptions extends TaskArgs {
  /** An absolute URL, or a path joined to the connection's base URL. Templated. */
  url: string;
  method?: HttpMethod | Lowercase<HttpMethod>;
  /** Templated. */
  headers?: Record<string, string>;
  /** A string is sent as it is; anything else as JSON. Templated. */
  body?: unknown;
  /** A connection id (type http): its host/schema/port make the base URL, its login/password basic auth, `extra.headers` more headers. */
  connection?: string;
  /** Status codes that count as success (default: any 2xx). */
  expectStatus?: number[];
  /** The response body must contain this text. */
  bodyContains?: string;
  /** Time limit for the request (default 30 s). */
  timeout?: Duration;
}

/** The config an http task stores. */
export interface HttpConfig {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: unknown;
  connection: string | null;
  expectStatus: number[] | null;
  bodyContains: string | null;
  timeoutMs: number;
}

/**
 * A task that makes one HTTP request from the worker (no tenant code runs). It fails when the
 * status or the body does not pass the check; the response body is its XCom (parsed when JSON).
 */
export function http(taskId: string, options: HttpOptions): Task {
  const { url, method, headers, body, connection, expectStatus, bodyContains, timeout, ...args } =
    options ?? ({} as HttpOptions);
  const fail = (reason: string) => new DagDefinitionError(currentDag('http').dagId, taskId, callerLocation(), reason);
  if (typeof url !== 'string' || url.length === 0) throw fail('http needs a url');
  const verb = (method ?? 'GET').toUpperCase() as HttpMethod;
  if (!METHODS.includes(verb)) throw fail(`unknown HTTP method '${method}': use ${METHODS.join(', ')}`);
  if (expectStatus && !expectStatus.every((code) => Number.isInteger(code) && code >= 100 && code <= 599))
    throw fail('expectStatus: status codes are whole numbers from 100 to 599');
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(timeout ?? '30s');
  } catch (error) {
    throw fail(`timeout: ${(error as Error).message}`);
  }
  const config: HttpConfig = {
    url,
    method: verb,
    headers: headers ?? {},
    body: body ?? null,
    connection: connection ?? null,
    expectStatus: expectStatus ?? null,
    bodyContains: bodyContains ?? null,
    timeoutMs,
  };
  return currentDag('http').addTask(taskId, 'http', { ...config }, args, undefined, ['url', 'headers', 'body']);
}
