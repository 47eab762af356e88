import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Observable, finalize } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';

/** What a mailed link is for; set as route data. */
export type AccountLinkKind = 'verify-email' | 'reset-password' | 'accept-invitation';

const TEXT: Record<AccountLinkKind, { title: string; action: string; done: string }> = {
  'verify-email': { title: 'Confirm your email', action: 'Confirm', done: 'Your email address is confirmed.' },
  'reset-password': { title: 'Choose a new password', action: 'Set password', done: 'Your password is changed; every earlier session has ended.' },
  'accept-invitation': { title: 'Join a tenant', action: 'Accept invitation', done: 'You have joined the tenant.' },
};

/** The pages the links in account mails open: they hand the link's one-time token to the API. */
@Component({
  selector: 'ud-account-link-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <main class="link-page">
      <form class="card link-page__card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1>{{ text.title }}</h1>
        @if (done()) {
          <p data-testid="account-link-done">{{ text.done }}</p>
          <a class="btn btn--primary" routerLink="/login">Sign in</a>
        } @else {
          @if (kind !== 'verify-email') {
            <label class="field">
              <span>{{ kind === 'accept-invitation' ? 'Password (needed when you have no account yet, or never confirmed its address)' : 'New password' }}</span>
              <input type="password" formControlName="password" autocomplete="new-password" data-testid="account-link-password" />
            </label>
          }
          @if (error()) {
            <p class="error" role="alert" data-testid="account-link-error">{{ error() }}</p>
          }
          <button class="btn btn--primary" type="submit" [disabled]="pending() || !token" data-testid="account-link-submit">{{ text.action }}</button>
        }
      </form>
    </main>
  `,
  styles: `
    .link-page { min-height: 100vh; display: grid; place-items: center; padding: 1rem; }
    .link-page__card { width: min(26rem, 100%); display: grid; gap: 0.9rem; padding: 2rem; }
    .link-page__card h1 { margin: 0; font-size: 1.4rem; }
  `,
})
export class AccountLinkPage implements OnInit {
  private readonly api = inject(ApiService);
  private readonly route = inject(ActivatedRoute).snapshot;

  protected readonly kind = this.route.data['kind'] as AccountLinkKind;
  protected readonly text = TEXT[this.kind];
  protected readonly token = this.route.queryParamMap.get('token') ?? '';
  protected readonly pending = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(this.token ? null : 'This link has no token: open the link from the mail again.');
  protected readonly form = inject(NonNullableFormBuilder).group({ password: [''] });

  ngOnInit(): void {
    if (this.kind === 'verify-email' && this.token) this.submit();
  }

  protected submit(): void {
    if (this.pending() || !this.token) return;
    const password = this.form.getRawValue().password;
    const calls: Record<AccountLinkKind, () => Observable<unknown>> = {
      'verify-email': () => this.api.verifyEmail(this.token),
      'reset-password': () => this.api.confirmPasswordReset(this.token, password),
      'accept-invitation': () => this.api.acceptInvitation(this.token, password || undefined),
    };
    this.pending.set(true);
    this.error.set(null);
    calls[this.kind]()
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({ next: () => this.done.set(true), error: (err: unknown) => this.error.set(this.explain(err)) });
  }

  /** A verification link counts only from the signed-up account's own session (docs/security.md). */
  private explain(err: unknown): string {
    if (this.kind === 'verify-email' && err instanceof HttpErrorResponse && err.status === 401) {
      return 'Log in with the account that signed up with this address, then open the link again.';
    }
    return apiErrorMessage(err);
  }
}
