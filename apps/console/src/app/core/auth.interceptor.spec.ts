import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiService } from './api.service';
import { LOGIN_RESPONSE } from './api.fixtures';
import { authInterceptor } from './auth.interceptor';
import { SessionService } from './session.service';

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let session: SessionService;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionService);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('adds the bearer token to API calls', () => {
    session.start(LOGIN_RESPONSE);
    TestBed.inject(ApiService).listDags('acme').subscribe();

    const req = http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags');
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-1');
    req.flush({ items: [], total: 0, limit: 100, offset: 0 });
  });

  it('sends no token to other origins or paths', () => {
    session.start(LOGIN_RESPONSE);
    TestBed.inject(HttpClient).get('https://example.com/api/v1/x').subscribe();
    TestBed.inject(HttpClient).get('/assets/config.json').subscribe();

    expect(http.expectOne('https://example.com/api/v1/x').request.headers.has('Authorization')).toBe(false);
    expect(http.expectOne('/assets/config.json').request.headers.has('Authorization')).toBe(false);
    http.match(() => true).forEach((r) => r.flush({}));
  });

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('refreshes once on a 401, stores the new tokens and retries the call with the new access token', () => {
    session.start(LOGIN_RESPONSE);
    let dags: unknown;
    TestBed.inject(ApiService)
      .listDags('acme')
      .subscribe((page) => (dags = page));

    http
      .expectOne((r) => r.url === '/api/v1/tenants/acme/dags')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'expired' }, unauthorized);
    const refresh = http.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush({ accessToken: 'token-2', refreshToken: 'refresh-2', expiresIn: 900 });
    const retry = http.expectOne((r) => r.url === '/api/v1/tenants/acme/dags');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer token-2');
    retry.flush({ items: [], total: 0, limit: 100, offset: 0 });

    expect(dags).toEqual({ items: [], total: 0, limit: 100, offset: 0 });
    expect([session.token(), session.refreshToken()]).toEqual(['token-2', 'refresh-2']);
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('logs out and goes to /login when the API answers 401 and the refresh is refused', () => {
    session.start(LOGIN_RESPONSE);
    let failed = false;
    TestBed.inject(ApiService)
      .listDags('acme')
      .subscribe({ error: () => (failed = true) });

    http
      .expectOne((r) => r.url === '/api/v1/tenants/acme/dags')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'jwt expired' }, unauthorized);
    http
      .expectOne('/api/v1/auth/refresh')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'refresh token was already used' }, unauthorized);

    expect(failed).toBe(true);
    expect(session.isLoggedIn()).toBe(false);
    expect(localStorage.length).toBe(0);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { expired: 1 } });
  });

  it('keeps the session on other errors, such as a 404 for a foreign tenant', () => {
    session.start(LOGIN_RESPONSE);
    TestBed.inject(ApiService)
      .listDags('initech')
      .subscribe({ error: () => undefined });

    http
      .expectOne((r) => r.url === '/api/v1/tenants/initech/dags')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Tenant not found' },
        { status: 404, statusText: 'Not Found' },
      );

    expect(session.isLoggedIn()).toBe(true);
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('leaves a failed login (401, no token yet) to the login page', () => {
    TestBed.inject(ApiService)
      .login({ email: 'a@b.c', password: 'bad' })
      .subscribe({ error: () => undefined });

    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ statusCode: 401, message: 'Invalid email or password' }, { status: 401, statusText: 'Unauthorized' });

    expect(router.navigate).not.toHaveBeenCalled();
  });
});
