import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LOGIN_RESPONSE } from '../core/api.fixtures';
import { authInterceptor } from '../core/auth.interceptor';
import { STORAGE_KEYS, SessionService } from '../core/session.service';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let router: Router;

  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  function fillAndSubmit(email: string, password: string): void {
    const emailInput = el('login-email') as HTMLInputElement;
    const passwordInput = el('login-password') as HTMLInputElement;
    emailInput.value = email;
    emailInput.dispatchEvent(new Event('input'));
    passwordInput.value = password;
    passwordInput.dispatchEvent(new Event('input'));
    el('login-submit')?.click();
    fixture.detectChanges();
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the API’s message when the credentials are wrong', () => {
    fillAndSubmit('ada@example.com', 'wrong');

    http
      .expectOne('/api/v1/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    fixture.detectChanges();

    expect(el('login-error')?.textContent?.trim()).toBe('Invalid email or password');
    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(false);
    expect(router.navigateByUrl).not.toHaveBeenCalled();
    expect((el('login-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('signs in, stores the token and tenants, picks the first tenant and opens /dags', () => {
    fillAndSubmit('ada@example.com', 's3cret');

    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.body).toEqual({ email: 'ada@example.com', password: 's3cret' });
    expect((el('login-submit') as HTMLButtonElement).disabled).toBe(true);
    req.flush(LOGIN_RESPONSE);
    fixture.detectChanges();

    expect(localStorage.getItem(STORAGE_KEYS.token)).toBe('token-1');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.tenants) ?? '[]')).toEqual(LOGIN_RESPONSE.tenants);
    expect(TestBed.inject(SessionService).tenant()?.slug).toBe('acme');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/dags');
    expect(el('login-error')).toBeNull();
  });

  it('does not call the API with an empty form', () => {
    fillAndSubmit('', '');
    http.expectNone('/api/v1/auth/login');
    expect(el('login-error')?.textContent).toContain('Enter your email and password');
  });

  it('explains an unreachable server', () => {
    fillAndSubmit('ada@example.com', 'pw');
    http.expectOne('/api/v1/auth/login').error(new ProgressEvent('error'));
    fixture.detectChanges();
    expect(el('login-error')?.textContent).toContain('Cannot reach the server');
  });

  it('refuses an account without tenants', () => {
    fillAndSubmit('ada@example.com', 'pw');
    http.expectOne('/api/v1/auth/login').flush({ ...LOGIN_RESPONSE, tenants: [] });
    fixture.detectChanges();
    expect(el('login-error')?.textContent).toContain('not a member of any tenant');
    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(false);
  });
});
