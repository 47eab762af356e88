import { runCli, StandInApi, type RecordedRequest } from '../testing/stand-in-api';

const BASE = '/api/v1/tenants/acme/incidents';
const ID = '7d0c8a52-1b7e-4a43-9d0e-2f5d0e4d9c11';
const incident = (state: string) => ({
  id: ID,
  dagId: 'nightly',
  rule: 'deadline',
  severity: 'high',
  state,
  title: 'nightly: deadline missed',
  occurrences: 2,
  openedAt: '2024-05-02T04:00:00Z',
  lastSeenAt: '2024-05-03T04:00:00Z',
  acknowledgedAt: state === 'open' ? null : '2024-05-02T04:05:00Z',
  acknowledgedBy: state === 'open' ? null : 'o@example.com',
  resolvedAt: null,
  resolvedBy: null,
  escalatedAt: null,
});
const detail = (state: string) => ({
  ...incident(state),
  runs: [
    {
      runId: 'scheduled__2024-05-02',
      state: 'running',
      logicalDate: '2024-05-02T02:00:00Z',
      joinedAt: '2024-05-02T04:00:00Z',
    },
  ],
  timeline: [
    {
      at: '2024-05-02T04:00:00Z',
      kind: 'opened',
      actor: null,
      via: 'scheduler',
      text: 'run scheduled__2024-05-02 missed the deadline',
      runId: null,
    },
    { at: '2024-05-02T04:06:00Z', kind: 'note', actor: 'o@example.com', via: 'api', text: 'looking', runId: null },
  ],
});

describe('incidents commands against a stand-in API', () => {
  const api = new StandInApi({
    [`GET ${BASE}`]: () => ({ json: { items: [incident('open')], total: 1, limit: 50, offset: 0 } }),
    [`GET ${BASE}/${ID}`]: () => ({ json: detail('open') }),
    [`POST ${BASE}/${ID}/acknowledge`]: () => ({ json: incident('acknowledged') }),
    [`POST ${BASE}/${ID}/resolve`]: () => ({ json: incident('resolved') }),
    [`POST ${BASE}/${ID}/notes`]: () => ({ status: 201, json: detail('acknowledged') }),
  });
  const session = () => ({ url: api.url, token: 'jwt-1', tenant: 'acme' });
  const last = (method: string, suffix: string) =>
    [...api.requests].reverse().find((r: RecordedRequest) => r.method === method && r.path.endsWith(suffix));

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('list sends the filters and prints a table', async () => {
    const result = await runCli(['incidents', 'list', '--state', 'unresolved', '--dag', 'nightly'], session());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ID\s+STATE\s+SEVERITY\s+DAG\s+RULE\s+SEEN\s+OPENED\n/);
    expect(result.stdout).toMatch(new RegExp(`${ID}\\s+open\\s+high\\s+nightly\\s+deadline\\s+2×`));
    const query = last('GET', '/incidents')?.query;
    expect([query?.get('state'), query?.get('dagId'), query?.get('limit')]).toEqual(['unresolved', 'nightly', '50']);
  });

  it('show prints the runs and the timeline; ack, resolve and note call their routes', async () => {
    const shown = await runCli(['incidents', 'show', ID], session());
    expect(shown.stdout).toContain('nightly: deadline missed  [high, open]');
    expect(shown.stdout).toContain('runs: scheduled__2024-05-02 (running)');
    expect(shown.stdout).toMatch(/opened\s+scheduler {2}run scheduled__2024-05-02 missed the deadline/);

    expect((await runCli(['incidents', 'ack', ID], session())).stdout).toBe(
      `acknowledged nightly: deadline missed (${ID})\n`,
    );
    expect((await runCli(['incidents', 'resolve', ID, '--note', 'rerun by hand'], session())).code).toBe(0);
    expect(JSON.parse(last('POST', '/resolve')?.body.toString() ?? '')).toEqual({ note: 'rerun by hand' });
    expect((await runCli(['incidents', 'note', ID, 'looking'], session())).stdout).toContain('o@example.com  looking');
    expect(JSON.parse(last('POST', '/notes')?.body.toString() ?? '')).toEqual({ text: 'looking' });
  });
});
