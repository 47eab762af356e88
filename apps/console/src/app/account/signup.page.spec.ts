import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionService } from '../core/session.service';
import { SignupPage } from './signup.page';

describe('SignupPage', () => {
  let fixture: ComponentFixture<SignupPage>;
  let http: HttpTestingController;

  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
  const type = (testId: string, value: string) => {
    const input = el(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SignupPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignupPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('suggests the slug from the team name and shows the password rule broken as you type', () => {
    type('signup-tenant-name', 'Acme Data, Inc.');
    expect((el('signup-tenant-slug') as HTMLInputElement).value).toBe('acme-data-inc');
    expect(el('password-hint')?.textContent).toContain('At least 12 characters');
    type('signup-email', 'ada@example.com');
    type('signup-password', 'short');
    expect(el('password-hint')?.textContent).toContain('password must be at least 12 characters');
    type('signup-password', 'ada@example.com');
    expect(el('password-hint')?.textContent).toContain('password must not be your email address');
    el('signup-submit')?.click();
    fixture.detectChanges();
    expect(el('signup-error')?.textContent).toContain('password must not be your email address');
  });

  it('signs up and starts the session as the new tenant owner', () => {
    type('signup-tenant-name', 'Acme');
    type('signup-email', 'ada@example.com');
    type('signup-password', 'a-brand-new-kestrel-password');
    el('signup-submit')?.click();
    const req = http.expectOne('/api/v1/auth/signup');
    expect(req.request.body).toEqual({
      tenantName: 'Acme',
      tenantSlug: 'acme',
      email: 'ada@example.com',
      password: 'a-brand-new-kestrel-password',
    });
    req.flush({
      accessToken: 'a',
      refreshToken: 'r'.repeat(30),
      expiresIn: 900,
      user: { id: 'u1', email: 'ada@example.com', emailVerified: false },
      tenant: { id: 't1', slug: 'acme', name: 'Acme' },
      role: 'owner',
    });
    const session = TestBed.inject(SessionService);
    expect(session.tenant()).toEqual({ slug: 'acme', name: 'Acme', role: 'owner' });
    expect(TestBed.inject(Router).navigateByUrl).toHaveBeenCalledWith('/dags');
  });
});
