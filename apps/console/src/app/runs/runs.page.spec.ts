import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { aRun, LOGIN_RESPONSE } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { ALL_RUNS_PAGE_SIZE, RunsPage } from './runs.page';

describe('RunsPage', () => {
  let fixture: ComponentFixture<RunsPage>;
  let http: HttpTestingController;

  const rows = () =>
    Array.from(fixture.nativeElement.querySelectorAll('[data-testid="all-runs-row"]')) as HTMLElement[];
  const request = () => http.expectOne((r) => r.url === '/api/v1/tenants/acme/dagRuns');

  async function settle(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [RunsPage],
      providers: [
        provideRouter([{ path: 'runs', component: RunsPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/runs?state=failed');
    fixture = TestBed.createComponent(RunsPage);
    fixture.detectChanges();
    await settle();
  });

  afterEach(() => http.verify());

  it('lists runs of every DAG with links to the DAG and the run, filtered as the URL says', async () => {
    const first = request();
    expect(first.request.params.get('state')).toBe('failed');
    expect(first.request.params.get('limit')).toBe(String(ALL_RUNS_PAGE_SIZE));
    first.flush({
      items: [
        aRun({ dagId: 'etl', runId: 'r1', state: 'failed' }),
        aRun({ dagId: 'report', runId: 'r2', state: 'failed' }),
      ],
      total: 2,
      limit: 50,
      offset: 0,
    });
    await settle();
    expect(rows().map((r) => r.dataset['dagId'])).toEqual(['etl', 'report']);
    const links = Array.from(rows()[0].querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/dags/etl', '/dags/etl/runs/r1']);
  });
});
