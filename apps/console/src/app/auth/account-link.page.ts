import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { InvitationAccepted, InvitationPreview } from '@updraft/api-types';
import { Observable, finalize, map } from 'rxjs';
import { AccountService } from '../account/account.service';
import { PasswordHintComponent } from '../account/password-hint.component';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { SessionService } from '../core/session.service';

/** What a mailed link is for; set as route data. */
export type AccountLinkKind = 'verify-email' | 'reset-password' | 'accept-invitation';

const TEXT: Record<AccountLinkKind, { title: string; action: string; done: string }> = {
  'verify-email': { title: 'Confirm your email', action: 'Confirm', done: 'Your email address is confirmed.' },
  'reset-password': {
    title: 'Choose a new password',
    action: 'Set password',
    done: 'Your password is changed; every earlier session has ended.',
  },
  'accept-invitation': { title: 'Join a team', action: 'Accept invitation', done: 'You have joined the team.' },
};

const PASSWORD_LABEL: Record<NonNullable<InvitationPreview['passwordNeeded']>, string> = {
  no_account: 'Choose a password for your new account',
  unverified_account:
    'Choose a new password: this address has an account that never confirmed it, so accepting replaces its password and ends its other sessions',
};

/** The pages the links in account mails open: they hand the link's one-time token to the API. */
@Component({
  selector: 'ud-account-link-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, PasswordHintComponent],
  template: `
    <main class="auth-page">
      <form class="card auth-page__card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1>{{ text.title }}</h1>
        @if (invitation(); as invitation) {
          <p data-testid="invitation-summary">
            {{ invitation.inviter ?? 'A member' }} invites <strong>{{ invitation.email }}</strong> to join
            <strong data-testid="invitation-tenant">{{ invitation.tenant.name }}</strong> as
            <strong data-testid="invitation-role">{{ invitation.role }}</strong>.
          </p>
        }
        @if (done()) {
          <p role="status" data-testid="account-link-done">{{ text.done }}</p>
          <a class="btn btn--primary" routerLink="/login">Sign in</a>
        } @else {
          @if (passwordLabel(); as label) {
            <label class="field">
              <span>{{ label }}</span>
              <input
                type="password"
                formControlName="password"
                autocomplete="new-password"
                data-testid="account-link-password"
                aria-describedby="link-password-hint"
              />
              <ud-password-hint hintId="link-password-hint" [password]="password()" [email]="invitation()?.email" />
            </label>
          }
          @if (error()) {
            <p class="error" role="alert" data-testid="account-link-error">{{ error() }}</p>
          }
          <button
            class="btn btn--primary"
            type="submit"
            [disabled]="pending() || !token"
            data-testid="account-link-submit"
          >
            {{ text.action }}
          </button>
        }
      </form>
    </main>
  `,
  styleUrl: '../account/auth-page.css',
})
export class AccountLinkPage implements OnInit {
  private readonly api = inject(ApiService);
  private readonly accounts = inject(AccountService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute).snapshot;

  protected readonly kind = this.route.data['kind'] as AccountLinkKind;
  protected readonly text = TEXT[this.kind];
  protected readonly token = this.route.queryParamMap.get('token') ?? '';
  protected readonly pending = signal(false);
  protected readonly done = signal(false);
  protected readonly invitation = signal<InvitationPreview | null>(null);
  protected readonly error = signal<string | null>(
    this.token ? null : 'This link has no token: open the link from the mail again.',
  );
  protected readonly form = inject(NonNullableFormBuilder).group({ password: [''] });
  protected readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });

  ngOnInit(): void {
    if (!this.token) return;
    if (this.kind === 'verify-email') this.submit();
    if (this.kind === 'accept-invitation') {
      this.accounts.lookupInvitation(this.token).subscribe({
        next: (preview) => this.invitation.set(preview),
        error: (err: unknown) => this.error.set(apiErrorMessage(err)),
      });
    }
  }

  protected passwordLabel(): string | null {
    if (this.kind === 'reset-password') return 'New password';
    const needed = this.invitation()?.passwordNeeded;
    return this.kind === 'accept-invitation' && needed ? PASSWORD_LABEL[needed] : null;
  }

  protected submit(): void {
    if (this.pending() || !this.token) return;
    const password = this.form.getRawValue().password;
    const calls: Record<AccountLinkKind, () => Observable<unknown>> = {
      'verify-email': () => this.api.verifyEmail(this.token),
      'reset-password': () => this.api.confirmPasswordReset(this.token, password),
      'accept-invitation': () =>
        this.api
          .acceptInvitation(this.token, this.passwordLabel() ? password : undefined)
          .pipe(map((accepted) => this.enter(accepted as InvitationAccepted))),
    };
    this.pending.set(true);
    this.error.set(null);
    calls[this.kind]()
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({ next: () => this.done.set(true), error: (err: unknown) => this.error.set(this.explain(err)) });
  }

  /** A new (or reclaimed) account is logged in by accepting: straight into the team's console. */
  private enter(accepted: InvitationAccepted): void {
    if (!accepted.session) return;
    this.session.start({
      ...accepted.session,
      user: accepted.user,
      tenants: [{ ...accepted.tenant, role: accepted.role }],
    });
    void this.router.navigateByUrl('/dags');
  }

  /** A verification link counts only from the signed-up account's own session (docs/security.md). */
  private explain(err: unknown): string {
    if (this.kind === 'verify-email' && err instanceof HttpErrorResponse && err.status === 401) {
      return 'Log in with the account that signed up with this address, then open the link again.';
    }
    return apiErrorMessage(err);
  }
}
