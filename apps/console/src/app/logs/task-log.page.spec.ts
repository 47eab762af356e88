import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LOGIN_RESPONSE } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { TaskLogPage } from './task-log.page';

const RUN_ID = 'manual__2024-01-01T00:00:00.000+00:00';
const LOG_URL = `/api/v1/tenants/acme/dags/etl/dagRuns/${encodeURIComponent(RUN_ID)}/taskInstances/extract/logs/2`;

describe('TaskLogPage', () => {
  let fixture: ComponentFixture<TaskLogPage>;
  let http: HttpTestingController;

  const lines = () => Array.from(fixture.nativeElement.querySelectorAll('[data-testid="log-line"]')) as HTMLElement[];

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [TaskLogPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TaskLogPage);
    fixture.componentRef.setInput('dagId', 'etl');
    fixture.componentRef.setInput('runId', RUN_ID);
    fixture.componentRef.setInput('taskId', 'extract');
    fixture.componentRef.setInput('tryNumber', '2');
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows each line with its timestamp, and links to earlier tries', () => {
    http.expectOne(LOG_URL).flush({
      taskId: 'extract',
      tryNumber: 2,
      lines: [
        { timestamp: '2024-01-01T00:00:01.250Z', stream: 'system', message: 'Starting try 2' },
        { timestamp: '2024-01-01T00:00:02.000Z', stream: 'stderr', message: 'boom' },
      ],
    });
    fixture.detectChanges();

    expect(lines()).toHaveLength(2);
    expect(lines()[0].querySelector('time')?.getAttribute('datetime')).toBe('2024-01-01T00:00:01.250Z');
    expect(lines()[0].querySelector('time')?.textContent).toMatch(/\d\d:\d\d:\d\d\.250$/);
    expect(lines()[1].textContent).toContain('boom');
    expect(lines()[1].classList).toContain('log__line--stderr');
    expect(fixture.nativeElement.textContent).toContain('try 1');
  });

  it('reloads on Refresh', () => {
    http.expectOne(LOG_URL).flush({ taskId: 'extract', tryNumber: 2, lines: [] });
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('not logged anything yet');

    (fixture.nativeElement.querySelector('[data-testid="log-refresh"]') as HTMLButtonElement).click();
    http.expectOne(LOG_URL).flush({
      taskId: 'extract',
      tryNumber: 2,
      lines: [{ timestamp: '2024-01-01T00:00:01Z', stream: 'stdout', message: 'hello' }],
    });
    fixture.detectChanges();
    expect(lines().map((l) => l.querySelector('.log__message')?.textContent)).toEqual(['hello']);
  });

  it('says so when the try has no log yet', () => {
    http
      .expectOne(LOG_URL)
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Log not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('No log for this try yet');
  });

  it('says where the log stops, marks a cut output, and shows the following page on demand', () => {
    const line = (message: string) => ({ timestamp: '2024-01-01T00:00:01Z', stream: 'stdout', message });
    http
      .expectOne(LOG_URL)
      .flush({ taskId: 'extract', tryNumber: 2, lines: [line('one'), line('two')], next: '41', truncated: true });
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('[data-testid="log-truncated"]')).not.toBeNull();
    expect(fixture.nativeElement.textContent).toContain('goes on after these 2 lines');

    (fixture.nativeElement.querySelector('[data-testid="log-more"]') as HTMLButtonElement).click();
    http
      .expectOne(`${LOG_URL}?after=41`)
      .flush({ taskId: 'extract', tryNumber: 2, lines: [line('three')], next: null, truncated: true });
    fixture.detectChanges();
    expect(lines().map((l) => l.querySelector('.log__message')?.textContent)).toEqual(['one', 'two', 'three']);
    expect(fixture.nativeElement.querySelector('[data-testid="log-more"]')).toBeNull();
  });
});
