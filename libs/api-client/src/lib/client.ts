import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The API's named shapes, as the OpenAPI document declares them: `Schemas['DagRun']`. */
export type Schemas = components['schemas'];
export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Method = ApiMethod;
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** The paths of the document that answer `method`. */
export type ApiPathFor<M extends Method> = {
  [P in ApiPath]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[ApiPath];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : void;

/** The JSON a successful call answers with. */
export type ApiResult<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201 | 202 | 204>]> : never;

/** The JSON body an operation takes. */
export type ApiBody<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The path parameters of an operation. */
export type ApiPathParams<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { path: infer T } } ? T : never;

/** The query parameters of an operation. */
export type ApiQuery<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer T } } ? NonNullable<T> : never;

/** The item of a paged answer (`{ items, total }`) or of a list. */
export type ApiItem<P extends ApiPath, M extends Method = 'get'> =
  ApiResult<P, M> extends { items: (infer T)[] } ? T : ApiResult<P, M> extends (infer T)[] ? T : never;

/** A path of the document with its `{parameters}` filled in, each encoded whole (run ids hold ':' and '+'). */
export function apiPath<P extends ApiPath>(template: P, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
}

export type UpdraftClient = Client<paths>;

export interface UpdraftClientOptions {
  /** Where the api is served, e.g. `http://127.0.0.1:3000` (the paths hold `/api/v1`). */
  baseUrl: string;
  /** The bearer token to send (an access token or an API token), read for each request. */
  token?: () => string | null | undefined;
  fetch?: ClientOptions['fetch'];
}

/** A fetch client typed by the OpenAPI document (`openapi-fetch`): paths, parameters, bodies and answers cannot drift from the api. */
export function createUpdraftClient(options: UpdraftClientOptions): UpdraftClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: options.fetch });
  const token = options.token;
  if (token) {
    client.use({
      onRequest: ({ request }) => {
        const value = token();
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
}
