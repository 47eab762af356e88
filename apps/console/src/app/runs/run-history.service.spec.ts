import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aRun, aTaskInstance, page } from '../core/api.fixtures';
import { RunHistoryService, RunWithTasks } from './run-history.service';

const RUNS_URL = '/api/v1/tenants/acme/dags/etl/dagRuns';
const tisUrl = (runId: string) => `${RUNS_URL}/${encodeURIComponent(runId)}/taskInstances`;

describe('RunHistoryService', () => {
  let history: RunHistoryService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    history = TestBed.inject(RunHistoryService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the newest runs, each with its task instances', () => {
    let result: RunWithTasks[] = [];
    history.load('acme', 'etl').subscribe((r) => (result = r));

    const runsReq = http.expectOne((r) => r.url === RUNS_URL);
    expect(runsReq.request.params.get('limit')).toBe('25');
    runsReq.flush(page([aRun({ runId: 'b' }), aRun({ runId: 'a' })]));
    http.expectOne((r) => r.url === tisUrl('b')).flush(page([aTaskInstance({ taskId: 'x' })]));
    http.expectOne((r) => r.url === tisUrl('a')).flush(page([aTaskInstance({ taskId: 'y' })]));

    expect(result.map((r) => [r.run.runId, r.taskInstances[0].taskId])).toEqual([
      ['b', 'x'],
      ['a', 'y'],
    ]);
  });

  it('reuses the task instances of runs that were already finished, and refetches active ones', () => {
    const previous: RunWithTasks[] = [
      { run: aRun({ runId: 'done', state: 'success' }), taskInstances: [aTaskInstance({ taskId: 'cached' })] },
      { run: aRun({ runId: 'live', state: 'running' }), taskInstances: [] },
    ];
    let result: RunWithTasks[] = [];
    history.load('acme', 'etl', previous).subscribe((r) => (result = r));

    http
      .expectOne((r) => r.url === RUNS_URL)
      .flush(page([aRun({ runId: 'live', state: 'success' }), aRun({ runId: 'done', state: 'success' })]));
    http.expectNone((r) => r.url === tisUrl('done'));
    http.expectOne((r) => r.url === tisUrl('live')).flush(page([aTaskInstance({ taskId: 'fresh' })]));

    expect(result.map((r) => r.taskInstances[0].taskId)).toEqual(['fresh', 'cached']);
  });

  it('answers an empty list without further requests when there are no runs', () => {
    let result: RunWithTasks[] | null = null;
    history.load('acme', 'etl').subscribe((r) => (result = r));
    http.expectOne((r) => r.url === RUNS_URL).flush(page([]));
    expect(result).toEqual([]);
  });
});
