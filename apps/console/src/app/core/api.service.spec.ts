import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiService, apiUrl } from './api.service';

describe('ApiService', () => {
  let api: ApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('posts credentials to the login endpoint', () => {
    api.login({ email: 'ada@example.com', password: 'pw' }).subscribe();

    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'ada@example.com', password: 'pw' });
    req.flush({ accessToken: 't', user: { id: '1', email: 'ada@example.com' }, tenants: [] });
  });

  it('lists a tenant’s DAGs with paging parameters', () => {
    let total = -1;
    api.listDags('acme').subscribe((page) => (total = page.total));

    const req = http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags');
    expect(req.request.params.get('limit')).toBe('100');
    expect(req.request.params.get('offset')).toBe('0');
    req.flush({ items: [], total: 7, limit: 100, offset: 0 });
    expect(total).toBe(7);
  });

  it('encodes run ids, whose ":" and "+" would otherwise break the path', () => {
    const runId = 'manual__2024-01-01T00:00:00.000+00:00';
    api.listTaskInstances('acme', 'etl', runId).subscribe();

    const req = http.expectOne(
      (r) =>
        r.url === '/api/v1/tenants/acme/dags/etl/dagRuns/manual__2024-01-01T00%3A00%3A00.000%2B00%3A00/taskInstances',
    );
    expect(req.request.method).toBe('GET');
    req.flush({ items: [], total: 0, limit: 100, offset: 0 });
  });

  it('fetches the log of one try', () => {
    api.getTaskLog('acme', 'etl', 'scheduled__2024+x', 'load/all', 2).subscribe();

    http
      .expectOne('/api/v1/tenants/acme/dags/etl/dagRuns/scheduled__2024%2Bx/taskInstances/load%2Fall/logs/2')
      .flush({ taskId: 'load/all', tryNumber: 2, lines: [] });
  });

  it('triggers a run with an empty body unless conf is given', () => {
    api.triggerRun('acme', 'etl').subscribe();
    api.triggerRun('acme', 'etl', { full: true }).subscribe();

    const [plain, withConf] = http.match('/api/v1/tenants/acme/dags/etl/dagRuns');
    expect(plain.request.method).toBe('POST');
    expect(plain.request.body).toEqual({});
    expect(withConf.request.body).toEqual({ conf: { full: true } });
    plain.flush({});
    withConf.flush({});
  });

  it('builds paths from the document’s templates, encoding each parameter', () => {
    expect(apiUrl('/api/v1/tenants/{tenant}/dags/{dagId}', { tenant: 'a b', dagId: 'x?y#z' })).toBe(
      '/api/v1/tenants/a%20b/dags/x%3Fy%23z',
    );
  });
});
