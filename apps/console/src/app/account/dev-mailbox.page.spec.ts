import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DevMailboxPage } from './dev-mailbox.page';

describe('DevMailboxPage', () => {
  let fixture: ComponentFixture<DevMailboxPage>;
  let http: HttpTestingController;

  const all = (testId: string) =>
    Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)) as HTMLElement[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [DevMailboxPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DevMailboxPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('lists the mails with their links clickable', () => {
    const link = 'http://127.0.0.1:3000/accept-invitation?token=abc';
    http.expectOne('/api/v1/dev/mailbox').flush({
      items: [
        {
          id: 'm1',
          receivedAt: '2026-01-01T00:00:00.000Z',
          from: 'no-reply@updraft.local',
          to: ['grace@example.com'],
          subject: 'You are invited to Acme on Updraft',
          text: `join\n\n${link}\n`,
          links: [link],
        },
      ],
    });
    fixture.detectChanges();
    expect(all('mailbox-mail')).toHaveLength(1);
    expect(all('mailbox-mail')[0].textContent).toContain('You are invited to Acme on Updraft');
    expect(all('mailbox-link').map((a) => a.getAttribute('href'))).toEqual([link]);
  });

  it('says there is no local mailbox when the api has none (production, or not started by npm start)', () => {
    http
      .expectOne('/api/v1/dev/mailbox')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/dev/mailbox' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(all('mailbox-error')[0].textContent).toContain('exists only in development');
    expect(all('mailbox-mail')).toHaveLength(0);
  });
});
