import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { DagListItem } from '@updraft/api-types';
import { LOGIN_RESPONSE } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { DAG_PAGE_SIZE, DagListPage } from './dag-list.page';

function aDag(overrides: Partial<DagListItem>): DagListItem {
  return {
    dagId: 'etl',
    description: null,
    schedule: '@daily',
    assetSchedule: null,
    timezone: 'UTC',
    startDate: '2024-01-01T00:00:00.000Z',
    catchup: false,
    team: null,
    owners: [],
    isPaused: false,
    isActive: true,
    tags: [],
    bundleName: 'main',
    bundleVersion: 1,
    lastRun: null,
    nextRunAt: null,
    recentRuns: [],
    slaMisses: 0,
    ...overrides,
  };
}

const TEN_THOUSAND = 10_000;

describe('DagListPage', () => {
  let fixture: ComponentFixture<DagListPage>;
  let http: HttpTestingController;
  let session: SessionService;
  let router: Router;

  const rows = () => Array.from(fixture.nativeElement.querySelectorAll('[data-testid="dag-row"]')) as HTMLElement[];
  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement;
  const listRequest = () => http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags');

  async function settle(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function pageOf(offset: number, total = TEN_THOUSAND) {
    const items = Array.from({ length: Math.min(DAG_PAGE_SIZE, total - offset) }, (_, i) =>
      aDag({ dagId: `dag_${String(offset + i).padStart(5, '0')}` }),
    );
    return { items, total, limit: DAG_PAGE_SIZE, offset };
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [DagListPage],
      providers: [
        provideRouter([{ path: 'dags', component: DagListPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    session = TestBed.inject(SessionService);
    session.start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/dags');
    fixture = TestBed.createComponent(DagListPage);
    fixture.detectChanges();
    await settle();
    const incidents = http.expectOne((r) => r.url === '/api/v1/tenants/acme/incidents');
    expect(incidents.request.params.get('state')).toBe('unresolved');
    incidents.flush({ items: [{ id: 'i1', dagId: 'etl', state: 'open' }], total: 1, limit: 200, offset: 0 });
  });

  afterEach(() => http.verify());

  it('shows a DAG with its schedule in words and as cron, owners, team, recent runs linking to each run, SLA misses', async () => {
    const request = listRequest();
    expect(request.request.params.get('recentRuns')).toBe('10');
    request.flush({
      items: [
        aDag({
          dagId: 'etl',
          owners: ['ada'],
          team: 'data',
          slaMisses: 3,
          tags: ['core'],
          recentRuns: [
            { runId: 'r2', state: 'failed', logicalDate: '2024-01-02T00:00:00Z' },
            { runId: 'r1', state: 'success', logicalDate: '2024-01-01T00:00:00Z' },
          ],
        }),
        aDag({ dagId: 'report', schedule: null, isPaused: true }),
      ],
      total: 2,
      limit: DAG_PAGE_SIZE,
      offset: 0,
    });
    await settle();
    const [etl, report] = rows();
    expect(el('open-incidents').textContent?.trim()).toBe('1 open');
    expect(report.querySelector('[data-testid="open-incidents"]')).toBeNull();
    expect(etl.textContent).toContain('At 00:00');
    expect(etl.textContent).toContain('0 0 * * *');
    expect(etl.textContent).toContain('ada');
    expect(etl.textContent).toContain('team data');
    const dots = Array.from(etl.querySelectorAll('.dot')) as HTMLAnchorElement[];
    expect(dots.map((d) => [d.dataset['state'], d.getAttribute('href')])).toEqual([
      ['failed', '/dags/etl/runs/r2'],
      ['success', '/dags/etl/runs/r1'],
    ]);
    expect(etl.querySelector('[data-testid="sla-misses"]')?.textContent?.trim()).toBe('3');
    expect(report.textContent).toContain('Manual only');
    expect(report.textContent).toContain('Never run');
  });

  it('pages through 10,000 DAGs on the server, never holding more than one page', async () => {
    listRequest().flush(pageOf(0));
    await settle();
    expect(rows()).toHaveLength(DAG_PAGE_SIZE);
    expect(el('page-info').textContent?.trim()).toBe(`1–50 of 10000`);

    el('page-next').click();
    await settle();
    const second = listRequest();
    expect(second.request.params.get('offset')).toBe('50');
    second.flush(pageOf(50));
    await settle();
    expect(rows()).toHaveLength(DAG_PAGE_SIZE);
    expect(rows()[0].dataset['dagId']).toBe('dag_00050');
    expect(router.url).toBe('/dags?offset=50');
  });

  it('sends search, tag, paused and last-run filters to the API and keeps them in the URL', async () => {
    listRequest().flush({ items: [aDag({ dagId: 'etl', tags: ['core'] })], total: 1, limit: DAG_PAGE_SIZE, offset: 0 });
    await settle();

    (rows()[0].querySelector('[data-testid="dag-tag"]') as HTMLElement).click();
    await settle();
    expect(listRequest().request.params.get('tags')).toBe('core');

    const paused = el('filter-paused') as HTMLSelectElement;
    paused.value = 'true';
    paused.dispatchEvent(new Event('change'));
    await settle();
    const lastRun = el('filter-last-run') as HTMLSelectElement;
    http.expectOne(() => true).flush({ items: [], total: 0, limit: DAG_PAGE_SIZE, offset: 0 });
    lastRun.value = 'failed';
    lastRun.dispatchEvent(new Event('change'));
    await settle();
    const filtered = listRequest();
    expect(filtered.request.params.get('paused')).toBe('true');
    expect(filtered.request.params.get('lastRunState')).toBe('failed');
    expect(filtered.request.params.get('tags')).toBe('core');
    filtered.flush({ items: [], total: 0, limit: DAG_PAGE_SIZE, offset: 0 });
    await settle();
    expect(el('no-dags').textContent).toContain('No DAG matches');
    expect(router.url).toBe('/dags?tags=core&paused=true&lastRunState=failed');
  });

  it('hides the paused toggle from a viewer', async () => {
    listRequest().flush({ items: [aDag({ dagId: 'etl' })], total: 1, limit: DAG_PAGE_SIZE, offset: 0 });
    await settle();
    expect(rows()[0].querySelector('[data-testid="pause-toggle"]')).not.toBeNull();
    session.selectTenant('globex');
    await settle();
    http
      .expectOne((r) => r.url === '/api/v1/tenants/globex/dags')
      .flush({ items: [aDag({ dagId: 'etl' })], total: 1, limit: DAG_PAGE_SIZE, offset: 0 });
    await settle();
    expect(rows()[0].querySelector('[data-testid="pause-toggle"]')).toBeNull();
    expect(rows()[0].querySelector('[data-testid="paused-state"]')?.textContent?.trim()).toBe('Active');
  });
});
