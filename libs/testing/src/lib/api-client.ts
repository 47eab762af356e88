import { OpenApiConformance } from './openapi-conformance';

let conformance: OpenApiConformance | undefined;

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  query?: Record<string, string | number | boolean>;
  token?: string | null;
}

/**
 * A thin fetch wrapper for `/api/v1`: returns status and parsed body, never throws on 4xx/5xx. It throws when
 * an answer does not conform to the committed OpenAPI document (undeclared operation or status, or a body off its schema).
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  withToken(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, options);
  }

  patch<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(`/api/v1${path.startsWith('/') ? path : `/${path}`}`, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | FormData | undefined;
    if (options.form) {
      body = options.form;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: callers assert on the raw text.
    }
    conformance ??= new OpenApiConformance();
    const problems = conformance.problems(
      method,
      url.pathname,
      response.status,
      response.headers.get('content-type'),
      parsed,
    );
    if (problems.length > 0) throw new Error(`the answer does not match the OpenAPI document:\n${problems.join('\n')}`);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

/** Path segments such as run ids hold `:` and `+`: encode them whole. */
export const seg = (value: string): string => encodeURIComponent(value);
