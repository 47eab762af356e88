import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DagDetail, DagRun, TaskInstance } from '../core/api.types';
import { LOGIN_RESPONSE, aRun, aTaskInstance, page } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { DagDetailPage, RUN_POLL_INTERVAL_MS } from './dag-detail.page';

const DAG: DagDetail = {
  dagId: 'etl',
  description: 'Nightly ETL',
  schedule: '@daily',
  timezone: 'UTC',
  startDate: '2024-01-01T00:00:00.000Z',
  catchup: false,
  team: null,
  isPaused: false,
  isActive: true,
  tags: [],
  bundleName: 'main',
  bundleVersion: 3,
  lastRun: null,
  nextRunAt: null,
  params: {},
  source: 'dags/etl.ts:3',
  tasks: [
    { taskId: 'extract', operator: 'BashOperator', upstream: [], downstream: ['load'], triggerRule: 'all_success', retries: 0, source: null },
    { taskId: 'load', operator: 'BashOperator', upstream: ['extract'], downstream: [], triggerRule: 'all_success', retries: 0, source: null },
  ],
};

const RUNS_URL = '/api/v1/tenants/acme/dags/etl/dagRuns';
const RUN_ID = 'manual__2024-01-01T00:00:00.000+00:00';
const TIS_URL = `${RUNS_URL}/${encodeURIComponent(RUN_ID)}/taskInstances`;

describe('DagDetailPage', () => {
  let fixture: ComponentFixture<DagDetailPage>;
  let http: HttpTestingController;

  const all = (testId: string) =>
    Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)) as HTMLElement[];
  /** Takes (and so removes) the pending GETs of the run list. */
  const runsRequests = () => http.match((r) => r.method === 'GET' && r.url === RUNS_URL);

  function respondRuns(runs: DagRun[], tis: TaskInstance[]): void {
    const [runsReq] = runsRequests();
    expect(runsReq).toBeDefined();
    runsReq.flush(page(runs));
    http.match((r) => r.url === TIS_URL).forEach((req: TestRequest) => req.flush(page(tis)));
    fixture.detectChanges();
  }

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [DagDetailPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DagDetailPage);
    fixture.componentRef.setInput('dagId', 'etl');
    fixture.detectChanges();
    http.expectOne('/api/v1/tenants/acme/dags/etl').flush(DAG);
    fixture.detectChanges();
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  it('lists the DAG’s tasks and its runs with their task instances', () => {
    respondRuns(
      [aRun({ state: 'failed' })],
      [aTaskInstance({ taskId: 'extract', state: 'success' }), aTaskInstance({ taskId: 'load', state: 'failed', tryNumber: 2 })],
    );

    expect(all('task-row').map((row) => row.dataset['taskId'])).toEqual(['extract', 'load']);
    const [row] = all('run-row');
    expect(row.dataset['runId']).toBe(RUN_ID);
    expect(row.dataset['state']).toBe('failed');
    expect(all('task-state').map((b) => [b.dataset['taskId'], b.dataset['state']])).toEqual([
      ['extract', 'success'],
      ['load', 'failed'],
    ]);
    const links = all('task-log-link').map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      `/dags/etl/runs/${encodeURIComponent(RUN_ID).replace(/%3A/g, ':')}/tasks/extract/logs/1`,
      `/dags/etl/runs/${encodeURIComponent(RUN_ID).replace(/%3A/g, ':')}/tasks/load/logs/2`,
    ]);
  });

  it('refreshes runs every 2 s while one is running, and stops when all are done', () => {
    respondRuns([aRun({ state: 'running' })], [aTaskInstance({ state: 'running' })]);
    expect(all('task-state')[0].dataset['state']).toBe('running');

    vi.advanceTimersByTime(RUN_POLL_INTERVAL_MS - 1);
    http.expectNone((r) => r.url === RUNS_URL);
    vi.advanceTimersByTime(1);
    respondRuns([aRun({ state: 'success' })], [aTaskInstance({ state: 'success' })]);

    expect(all('run-row')[0].dataset['state']).toBe('success');
    expect(all('task-state')[0].dataset['state']).toBe('success');

    vi.advanceTimersByTime(RUN_POLL_INTERVAL_MS * 5);
    expect(runsRequests()).toHaveLength(0);
  });

  it('stops polling when the page is left', () => {
    respondRuns([aRun({ state: 'queued' })], []);
    fixture.destroy();
    vi.advanceTimersByTime(RUN_POLL_INTERVAL_MS * 3);
    expect(runsRequests()).toHaveLength(0);
  });

  it('triggers a run, shows it at once and starts polling', () => {
    respondRuns([], []);
    expect(all('run-row')).toHaveLength(0);

    all('trigger-button')[0].click();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === RUNS_URL);
    expect(post.request.body).toEqual({});
    post.flush(aRun({ state: 'queued', startDate: null, endDate: null }), { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    expect(all('run-row').map((r) => r.dataset['state'])).toEqual(['queued']);

    respondRuns([aRun({ state: 'running' })], [aTaskInstance({ state: 'queued' })]);
    vi.advanceTimersByTime(RUN_POLL_INTERVAL_MS);
    respondRuns([aRun({ state: 'success' })], [aTaskInstance({ state: 'success' })]);
  });

  it('shows why a trigger was refused', () => {
    respondRuns([], []);
    all('trigger-button')[0].click();
    http
      .expectOne((r) => r.method === 'POST')
      .flush({ statusCode: 409, error: 'Conflict', message: 'DAG is not active' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(all('trigger-error')[0].textContent?.trim()).toBe('DAG is not active');
  });
});
