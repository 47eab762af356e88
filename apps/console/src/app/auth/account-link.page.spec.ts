import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { AccountLinkKind, AccountLinkPage } from './account-link.page';

describe('AccountLinkPage', () => {
  let fixture: ComponentFixture<AccountLinkPage>;
  let http: HttpTestingController;

  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  function open(kind: AccountLinkKind, query: Record<string, string>): void {
    TestBed.configureTestingModule({
      imports: [AccountLinkPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: ActivatedRoute,
          useValue: { snapshot: { data: { kind }, queryParamMap: convertToParamMap(query) } },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccountLinkPage);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  it('confirms an email address as soon as the link opens', () => {
    open('verify-email', { token: 'tok-1' });
    const req = http.expectOne('/api/v1/auth/verifyEmail');
    expect(req.request.body).toEqual({ token: 'tok-1' });
    req.flush({ user: { id: 'u1', email: 'ada@example.com', emailVerified: true } });
    fixture.detectChanges();
    expect(el('account-link-done')?.textContent).toContain('Your email address is confirmed.');
  });

  it('asks to log in first when a verification link is opened without the session of its account', () => {
    open('verify-email', { token: 'tok-3' });
    http
      .expectOne('/api/v1/auth/verifyEmail')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'missing, invalid or expired access token' },
        { status: 401, statusText: 'Unauthorized' },
      );
    fixture.detectChanges();
    expect(el('account-link-error')?.textContent).toContain(
      'Log in with the account that signed up with this address, then open the link again.',
    );
  });

  it('shows the rule a new password breaks, and succeeds with a better one', () => {
    open('reset-password', { token: 'tok-2' });
    const password = el('account-link-password') as HTMLInputElement;
    const submit = (value: string) => {
      password.value = value;
      password.dispatchEvent(new Event('input'));
      el('account-link-submit')?.click();
      fixture.detectChanges();
    };

    submit('qwertyuiop123');
    http.expectOne('/api/v1/auth/passwordReset/confirm').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'password is too common: it is on the list of common passwords; choose another',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(el('account-link-error')?.textContent).toContain('password is too common');

    submit('a-brand-new-kestrel-password');
    const req = http.expectOne('/api/v1/auth/passwordReset/confirm');
    expect(req.request.body).toEqual({ token: 'tok-2', password: 'a-brand-new-kestrel-password' });
    req.flush({ user: { id: 'u1', email: 'ada@example.com' } });
    fixture.detectChanges();
    expect(el('account-link-done')).not.toBeNull();
  });

  it('says so when the link has no token, and sends nothing', () => {
    open('accept-invitation', {});
    expect(el('account-link-error')?.textContent).toContain('This link has no token');
    expect((el('account-link-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  const PREVIEW = {
    email: 'grace@example.com',
    tenant: { slug: 'acme', name: 'Acme Data' },
    role: 'editor',
    inviter: 'ada@example.com',
    expiresAt: '2030-01-01T00:00:00.000Z',
  };

  it('names the team, the inviter and the role, and accepts an existing verified account without a password', () => {
    open('accept-invitation', { token: 'tok-accept' });
    http.expectOne('/api/v1/auth/invitations/lookup').flush({ ...PREVIEW, passwordNeeded: null });
    fixture.detectChanges();
    expect(el('invitation-summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'ada@example.com invites grace@example.com to join Acme Data as editor.',
    );
    expect(el('account-link-password')).toBeNull();
    el('account-link-submit')?.click();
    const req = http.expectOne('/api/v1/auth/invitations/accept');
    expect(req.request.body).toEqual({ token: 'tok-accept' });
    req.flush({
      user: { id: 'u2', email: 'grace@example.com', emailVerified: true },
      tenant: PREVIEW.tenant,
      role: 'editor',
      created: false,
      claimed: false,
      alreadyMember: false,
    });
    fixture.detectChanges();
    expect(el('account-link-done')).not.toBeNull();
  });

  it('asks for a new password when the invited address has an unverified account, saying what accepting does to it', () => {
    open('accept-invitation', { token: 'tok-claim' });
    http.expectOne('/api/v1/auth/invitations/lookup').flush({ ...PREVIEW, passwordNeeded: 'unverified_account' });
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('replaces its password and ends its other sessions');
    const input = el('account-link-password') as HTMLInputElement;
    input.value = 'grace@example.com';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(el('password-hint')?.textContent).toContain('password must not be your email address');
    input.value = 'a-brand-new-kestrel-password';
    input.dispatchEvent(new Event('input'));
    el('account-link-submit')?.click();
    expect(http.expectOne('/api/v1/auth/invitations/accept').request.body).toEqual({
      token: 'tok-claim',
      password: 'a-brand-new-kestrel-password',
    });
  });

  it('says the link is not valid when the look-up refuses it', () => {
    open('accept-invitation', { token: 'tok-bad' });
    http
      .expectOne('/api/v1/auth/invitations/lookup')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'this invitation link is not valid' },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(el('account-link-error')?.textContent).toContain('this invitation link is not valid');
    expect(el('invitation-summary')).toBeNull();
  });
});
