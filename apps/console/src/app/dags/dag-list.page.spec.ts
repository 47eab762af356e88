import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Dag } from '../core/api.types';
import { LOGIN_RESPONSE, page } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { DagListPage } from './dag-list.page';

function aDag(overrides: Partial<Dag>): Dag {
  return {
    dagId: 'etl',
    description: null,
    schedule: '@daily',
    timezone: 'UTC',
    startDate: '2024-01-01T00:00:00.000Z',
    catchup: false,
    team: null,
    isPaused: false,
    isActive: true,
    tags: [],
    bundleName: 'main',
    bundleVersion: 1,
    lastRun: null,
    nextRunAt: null,
    ...overrides,
  };
}

describe('DagListPage', () => {
  let fixture: ComponentFixture<DagListPage>;
  let http: HttpTestingController;
  let session: SessionService;

  const rows = () => Array.from(fixture.nativeElement.querySelectorAll('[data-testid="dag-row"]')) as HTMLElement[];

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [DagListPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    session = TestBed.inject(SessionService);
    session.start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DagListPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows one row per DAG with schedule, paused flag and the last run’s state', () => {
    http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags').flush(
      page([
        aDag({ dagId: 'etl', lastRun: { runId: 'r1', state: 'failed', logicalDate: '2024-01-01T00:00:00Z' } }),
        aDag({ dagId: 'report', schedule: null, isPaused: true }),
      ]),
    );
    fixture.detectChanges();

    const [etl, report] = rows();
    expect(etl.dataset['dagId']).toBe('etl');
    expect(etl.querySelector('a')?.getAttribute('href')).toBe('/dags/etl');
    expect(etl.textContent).toContain('@daily');
    expect(etl.querySelector('.badge--failed')?.textContent?.trim()).toBe('failed');
    expect(report.dataset['dagId']).toBe('report');
    expect(report.textContent).toContain('Paused');
    expect(report.textContent).toContain('Never run');
  });

  it('reloads when the user switches tenant', () => {
    http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags').flush(page([aDag({ dagId: 'acme_dag' })]));
    fixture.detectChanges();

    session.selectTenant('globex');
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/v1/tenants/globex/dags').flush(page([aDag({ dagId: 'globex_dag' })]));
    fixture.detectChanges();

    expect(rows().map((r) => r.dataset['dagId'])).toEqual(['globex_dag']);
  });

  it('shows the API error', () => {
    http
      .expectOne((r) => r.url === '/api/v1/tenants/acme/dags')
      .flush({ statusCode: 404, error: 'Not Found', message: 'Tenant not found' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('[role="alert"]')?.textContent).toContain('Tenant not found');
  });
});
