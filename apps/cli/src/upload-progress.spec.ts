import { ApiClient } from './api-client';
import { StandInApi } from './testing/stand-in-api';

describe('bundle upload progress', () => {
  const received: Buffer[] = [];
  const api = new StandInApi({
    'POST /api/v1/tenants/acme/bundles': async (req) => {
      const form = await new Response(new Uint8Array(req.body), {
        headers: { 'content-type': String(req.headers['content-type']) },
      }).formData();
      received.push(Buffer.from(await (form.get('file') as File).arrayBuffer()));
      return {
        status: 201,
        json: { id: 'b1', name: 'nice', version: 1, status: 'active', errors: [], dagIds: ['nice'] },
      };
    },
  });
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('reports bytes handed to the network up to the whole body, and the server gets the archive intact', async () => {
    const archive = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => i % 251));
    const calls: [number, number][] = [];
    const bundle = await new ApiClient({ baseUrl: api.url, token: 't' }).uploadBundle(
      'acme',
      archive,
      'nice.tar.gz',
      (sent, total) => calls.push([sent, total]),
    );
    expect(bundle.status).toBe('active');
    expect(received.at(-1)?.equals(archive)).toBe(true);
    const total = calls[0][1];
    expect(total).toBeGreaterThan(archive.length);
    expect(calls.length).toBeGreaterThan(4);
    expect(calls.every(([sent, t], i) => t === total && (i === 0 || sent > calls[i - 1][0]))).toBe(true);
    expect(calls.at(-1)).toEqual([total, total]);
  });
});
