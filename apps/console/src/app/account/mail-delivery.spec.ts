import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccountService } from './account.service';
import { ForgotPasswordPage } from './forgot-password.page';
import { VerifyBannerComponent } from './verify-banner.component';

describe('mail delivery states shown to the user', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ForgotPasswordPage, VerifyBannerComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('says the reset mail is queued once the reset is asked for', () => {
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    fixture.detectChanges();
    const el = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
    const input = el('forgot-email') as HTMLInputElement;
    input.value = 'ada@example.com';
    input.dispatchEvent(new Event('input'));
    el('forgot-submit')?.click();
    http.expectOne('/api/v1/auth/passwordReset').flush({
      message: 'If an account has this address, a reset link is on its way.',
      delivery: { status: 'queued', attempts: 0, lastError: null, sentAt: null },
    });
    fixture.detectChanges();
    expect(el('forgot-delivery')?.dataset['status']).toBe('queued');
    expect(el('forgot-delivery')?.textContent).toContain('The mail is queued');
  });

  it("shows the verification mail's state from the sign-up answer, then from a resend", () => {
    const accounts = TestBed.inject(AccountService);
    accounts
      .signup({ tenantName: 'Acme', tenantSlug: 'acme', email: 'ada@example.com', password: 'a-long-password-here' })
      .subscribe();
    http.expectOne('/api/v1/auth/signup').flush({
      accessToken: 'a',
      refreshToken: 'r',
      user: { id: 'u', email: 'ada@example.com', emailVerified: false },
      tenant: { id: 't', slug: 'acme', name: 'Acme' },
      role: 'owner',
      verification: { status: 'queued', attempts: 0, lastError: null, sentAt: null },
    });
    const fixture = TestBed.createComponent(VerifyBannerComponent);
    fixture.detectChanges();
    http.expectOne('/api/v1/auth/me').flush({ user: { id: 'u', email: 'ada@example.com', emailVerified: false } });
    fixture.detectChanges();
    const el = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
    expect(el('verify-delivery')?.textContent).toContain('The mail is queued');
    el('verify-resend')?.click();
    http.expectOne('/api/v1/auth/verifyEmail/resend').flush({
      sent: true,
      delivery: { status: 'abandoned', attempts: 5, lastError: 'connection refused', sentAt: null },
    });
    fixture.detectChanges();
    expect(el('verify-delivery')?.dataset['status']).toBe('abandoned');
    expect(el('verify-delivery')?.textContent).toContain('could not be sent (connection refused)');
  });
});
