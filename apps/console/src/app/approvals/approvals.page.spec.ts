import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LOGIN_RESPONSE } from '../core/api.fixtures';
import type { Approval } from '../core/api.types';
import { SessionService } from '../core/session.service';
import { ApprovalsPage, formValue } from './approvals.page';

const anApproval = (over: Partial<Approval> = {}): Approval => ({
  id: '7d1c6c0e-4c43-4a38-9a3e-0a2b0c4f5e11',
  dagId: 'release',
  runId: 'manual__2026-12-08T00:00:00+00:00',
  taskId: 'sign_off',
  mapIndex: -1,
  subject: 'Ship 1.4 to production?',
  body: 'Tests passed on staging.',
  options: ['approve', 'reject'],
  form: { ticket: { type: 'string', default: 'OPS-1' }, replicas: { type: 'integer', default: 2 } },
  assignees: ['owner@acme.test'],
  mine: true,
  state: 'pending',
  timeoutAt: '2026-12-09T00:00:00.000Z',
  onTimeout: 'reject',
  option: null,
  formValues: null,
  answeredBy: null,
  answeredVia: null,
  answeredAt: null,
  createdAt: '2026-12-08T00:00:00.000Z',
  ...over,
});

describe('ApprovalsPage', () => {
  let fixture: ComponentFixture<ApprovalsPage>;
  let http: HttpTestingController;
  const listed = () => http.expectOne((r) => r.url === '/api/v1/tenants/acme/approvals');

  async function settle(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ApprovalsPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApprovalsPage);
    fixture.detectChanges();
    await settle();
  });

  afterEach(() => http.verify());

  it('asks for what waits on me, and answers with the chosen option and the typed form from the console', async () => {
    const first = listed();
    expect([first.request.params.get('state'), first.request.params.get('mine')]).toEqual(['pending', 'true']);
    first.flush({ items: [anApproval()], total: 1, limit: 25, offset: 0 });
    await settle();
    const card = fixture.nativeElement.querySelector('[data-testid="approval-sign_off"]') as HTMLElement;
    expect(card.textContent).toContain('Ship 1.4 to production?');
    expect(card.querySelector('a')?.getAttribute('href')).toBe(
      '/dags/release/runs/manual__2026-12-08T00:00:00%2B00:00',
    );
    const buttons = Array.from(card.querySelectorAll('button')) as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['approve', 'reject']);

    buttons[1].click();
    const answer = http.expectOne((r) => r.url.endsWith('/approvals/7d1c6c0e-4c43-4a38-9a3e-0a2b0c4f5e11/answer'));
    expect(answer.request.method).toBe('POST');
    expect(answer.request.body).toEqual({ option: 'reject', form: { ticket: 'OPS-1', replicas: 2 }, via: 'console' });
    answer.flush(anApproval({ state: 'answered', option: 'reject' }));
    listed().flush({ items: [], total: 0, limit: 25, offset: 0 });
    await settle();
    expect(fixture.nativeElement.textContent).toContain('Answered reject: Ship 1.4 to production?');
    expect(fixture.nativeElement.querySelector('[data-testid="approvals-empty"]')?.textContent).toContain(
      'Nothing needs your answer.',
    );
  });

  it("shows who answered, and offers no buttons on a question that is someone else's", async () => {
    listed().flush({
      items: [
        anApproval({ id: 'a', taskId: 'theirs', mine: false }),
        anApproval({
          id: 'b',
          taskId: 'done',
          state: 'answered',
          option: 'approve',
          answeredBy: 'ops@acme.test',
          answeredVia: 'slack',
        }),
      ],
      total: 2,
      limit: 25,
      offset: 0,
    });
    await settle();
    const theirs = fixture.nativeElement.querySelector('[data-testid="approval-theirs"]') as HTMLElement;
    expect(theirs.querySelectorAll('button')).toHaveLength(0);
    expect(theirs.textContent).toContain('Waiting for owner@acme.test.');
    const done = fixture.nativeElement.querySelector('[data-testid="approval-done"] [data-testid="approval-answer"]');
    expect(done?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Answered approve by ops@acme.test (slack)');
  });
});

describe('formValue', () => {
  it('types form values as their fields declare', () => {
    expect(formValue({ type: 'integer' }, '3')).toBe(3);
    expect(formValue({ type: 'number' }, '')).toBeUndefined();
    expect(formValue({ type: 'boolean' }, undefined)).toBe(false);
    expect(formValue({ type: 'object' }, '{"a":1}')).toEqual({ a: 1 });
    expect(formValue({ type: 'string' }, 'x')).toBe('x');
  });
});
