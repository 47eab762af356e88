import { ApiClient, ApiError, describeErrorResponse } from './api-client';
import { StandInApi, page } from './testing/stand-in-api';

describe('ApiClient against a stand-in server', () => {
  const api = new StandInApi({
    'GET /api/v1/tenants/acme/dags/nope': () => ({
      status: 404,
      json: { statusCode: 404, error: 'Not Found', message: 'DAG nope not found' },
    }),
    'POST /api/v1/auth/login': () => ({
      status: 400,
      json: {
        statusCode: 400,
        error: 'Bad Request',
        message: ['email must be an email', 'password should not be empty'],
      },
    }),
    'GET /api/v1/tenants/acme/bundles': () => ({ status: 502, text: 'upstream\nconnect error' }),
    'GET /api/v1/tenants/acme/dags/secret': () => ({
      status: 401,
      json: { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
    }),
    'GET /api/v1/tenants/acme/dags/fresh': (req) =>
      req.headers['authorization'] === 'Bearer access-2'
        ? { json: { dagId: 'fresh' } }
        : {
            status: 401,
            json: { statusCode: 401, error: 'Unauthorized', message: 'missing, invalid or expired access token' },
          },
    'POST /api/v1/auth/refresh': (req) =>
      JSON.parse(req.body.toString()).refreshToken === 'refresh-1'
        ? { json: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 } }
        : { status: 401, json: { statusCode: 401, error: 'Unauthorized', message: 'refresh token was already used' } },
    'GET /api/v1/tenants/acme/dags/broken': () => ({ status: 500, text: '<html><body>stack trace here</body></html>' }),
    'GET /api/v1/tenants/acme/dags': (req) => {
      const offset = Number(req.query.get('offset'));
      const all = Array.from({ length: 150 }, (_, i) => ({ dagId: `dag_${i}` }));
      return { json: { items: all.slice(offset, offset + 100), total: all.length, limit: 100, offset } };
    },
    'GET /api/v1/tenants/acme/dags/long/dagRuns/r1/taskInstances/t/logs/1': (req) => {
      const lines = Array.from({ length: 25 }, (_, i) => ({
        timestamp: '2024-01-01T00:00:00.000Z',
        stream: 'stdout',
        message: `line ${i}`,
      }));
      const after = Number(req.query.get('after') ?? 0);
      const next = after + 10 < lines.length ? String(after + 10) : null;
      return {
        json: { taskId: 't', tryNumber: 1, lines: lines.slice(after, after + 10), next, truncated: after === 20 },
      };
    },
    'GET /api/v1/tenants/acme/dags/d%201/dagRuns/manual__2024-01-01T00%3A00%3A00.000%2B00%3A00/taskInstances': () => ({
      json: page([{ taskId: 't', tryNumber: 2 }]),
    }),
  });

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  const client = () => new ApiClient({ baseUrl: api.url, token: 'tok' });

  it('reads a long log through every page, following `next`', async () => {
    const logs = await client().getTaskLogs('acme', 'long', 'r1', 't', 1);
    expect(logs.lines.map((l) => l.message)).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i}`));
    expect(logs).toMatchObject({ next: null, truncated: true });
  });

  it('maps an error response to its one-line message with the status', async () => {
    await expect(client().getDag('acme', 'nope')).rejects.toThrow(new ApiError('DAG nope not found (HTTP 404)'));
  });

  it('joins a list of validation messages into one line', async () => {
    const error = await new ApiClient({ baseUrl: api.url }).login('x', '').catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('email must be an email; password should not be empty (HTTP 400)');
    expect((error as ApiError).status).toBe(400);
  });

  it('keeps a non-JSON error on one line', async () => {
    await expect(
      client().call('get', '/api/v1/tenants/{tenant}/bundles', { params: { tenant: 'acme' } }),
    ).rejects.toThrow('Bad Gateway: upstream connect error (HTTP 502)');
  });

  it('never repeats an HTML error page', async () => {
    await expect(client().getDag('acme', 'broken')).rejects.toThrow(/^Internal Server Error \(HTTP 500\)$/);
  });

  it('suggests logging in again on 401 when a token was sent', async () => {
    await expect(client().getDag('acme', 'secret')).rejects.toThrow(
      'Unauthorized (HTTP 401); run `updraft login` again',
    );
  });

  it('refreshes an expired access token once, retries, and hands the new tokens over to be stored', async () => {
    const stored: unknown[] = [];
    const refreshing = new ApiClient({
      baseUrl: api.url,
      token: 'access-1',
      refresh: { token: 'refresh-1', onRefreshed: (t) => stored.push(t) },
    });
    await expect(refreshing.getDag('acme', 'fresh')).resolves.toEqual({ dagId: 'fresh' });
    expect(stored).toEqual([{ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 }]);
    await expect(refreshing.getDag('acme', 'fresh')).resolves.toEqual({ dagId: 'fresh' });
    expect(stored).toHaveLength(1);
  });

  it('says the session has ended when the refresh token is refused', async () => {
    const spent = new ApiClient({
      baseUrl: api.url,
      token: 'access-1',
      refresh: { token: 'refresh-0', onRefreshed: () => undefined },
    });
    await expect(spent.getDag('acme', 'fresh')).rejects.toThrow(
      'the session has ended (refresh token was already used (HTTP 401)); run `updraft login` again',
    );
  });

  it('sends the bearer token and pages through lists', async () => {
    const before = api.requests.length;
    const dags = await client().listDags('acme');
    expect(dags).toHaveLength(150);
    const sent = api.requests.slice(before);
    expect(sent.map((r) => r.query.get('offset'))).toEqual(['0', '100']);
    expect(sent[0].headers['authorization']).toBe('Bearer tok');
  });

  it('URL-encodes run ids with : and + in paths', async () => {
    const items = await client().listTaskInstances('acme', 'd 1', 'manual__2024-01-01T00:00:00.000+00:00');
    expect(items).toEqual([{ taskId: 't', tryNumber: 2 }]);
  });

  it('accepts a base URL that already ends in /api/v1', async () => {
    await expect(new ApiClient({ baseUrl: `${api.url}/api/v1/`, token: 't' }).getDag('acme', 'nope')).rejects.toThrow(
      'DAG nope not found',
    );
  });

  it('says plainly when the server cannot be reached', async () => {
    const gone = new StandInApi({});
    await gone.start();
    const url = gone.url;
    await gone.stop();
    await expect(new ApiClient({ baseUrl: url }).listDags('acme')).rejects.toThrow(
      `cannot reach ${url} (ECONNREFUSED)`,
    );
  });

  it('rejects an unusable URL before sending anything', () => {
    expect(() => new ApiClient({ baseUrl: 'localhost:3000' })).toThrow(/only http and https/);
    expect(() => new ApiClient({ baseUrl: 'not a url' })).toThrow(/invalid API URL/);
  });
});

describe('describeErrorResponse', () => {
  it.each([
    [
      400,
      'Bad Request',
      '{"statusCode":400,"error":"Bad Request","message":"bad","details":["a is wrong"]}',
      'bad: a is wrong (HTTP 400)',
    ],
    [409, 'Conflict', '{"statusCode":409,"error":"Conflict"}', 'Conflict (HTTP 409)'],
    [
      422,
      '',
      '{"message":"x","details":[{"field":"conf","message":"must be an object"}]}',
      'x: conf: must be an object (HTTP 422)',
    ],
    [503, 'Service Unavailable', '', 'Service Unavailable (HTTP 503)'],
  ])('%i %s', (status, statusText, body, expected) => {
    expect(describeErrorResponse(status, statusText, body)).toBe(expected);
  });
});
