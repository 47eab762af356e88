import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { AccountSession } from '@updraft/api-types';
import { finalize } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { AccountService } from './account.service';
import { PasswordHintComponent } from './password-hint.component';

/** The signed-in user's own account: password, and the sessions logged in with it. */
@Component({
  selector: 'ud-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, PasswordHintComponent],
  template: `
    <h1>Your account</h1>
    <p class="muted" data-testid="account-email">{{ session.user()?.email }}</p>

    <section class="card account__section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form class="account__form" [formGroup]="form" (ngSubmit)="changePassword()" novalidate>
        <label class="field">
          <span>Current password</span>
          <input
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
            data-testid="account-current-password"
          />
        </label>
        <label class="field">
          <span>New password</span>
          <input
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
            aria-describedby="new-password-hint"
            data-testid="account-new-password"
          />
          <ud-password-hint hintId="new-password-hint" [password]="newPassword()" [email]="session.user()?.email" />
        </label>
        @if (passwordMessage(); as message) {
          <p [class.error]="!message.ok" role="status" data-testid="account-password-message">{{ message.text }}</p>
        }
        <button class="btn btn--primary" type="submit" [disabled]="pending()" data-testid="account-password-submit">
          Change password
        </button>
      </form>
    </section>

    <section class="card account__section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are logged in</h2>
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
      <ul class="account__sessions">
        @for (s of sessions(); track s.id) {
          <li data-testid="account-session">
            <span>
              {{ s.ip ?? 'unknown address' }} · logged in {{ s.createdAt | date: 'medium' }} · last active
              {{ s.lastUsedAt | date: 'medium' }}
              @if (s.current) {
                <strong>(this browser)</strong>
              }
            </span>
            @if (!s.current) {
              <button
                class="btn"
                type="button"
                (click)="endSession(s)"
                [attr.aria-label]="'Log out the session from ' + (s.ip ?? 'an unknown address')"
              >
                Log out
              </button>
            }
          </li>
        }
      </ul>
      <button class="btn" type="button" (click)="logoutEverywhere()" data-testid="account-logout-everywhere">
        Log out everywhere
      </button>
    </section>
  `,
  styles: `
    .account__section {
      padding: 1rem 1.25rem;
      margin-top: 1rem;
      display: grid;
      gap: 0.75rem;
      max-width: 40rem;
    }
    .account__section h2 {
      margin: 0;
      font-size: 1.1rem;
    }
    .account__form {
      display: grid;
      gap: 0.75rem;
    }
    .account__sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .account__sessions li {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class AccountPage implements OnInit {
  private readonly accounts = inject(AccountService);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionService);

  protected readonly sessions = signal<AccountSession[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly passwordMessage = signal<{ ok: boolean; text: string } | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({ currentPassword: [''], newPassword: [''] });
  protected readonly newPassword = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });

  ngOnInit(): void {
    this.load();
  }

  protected changePassword(): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.accounts
      .changePassword(this.form.getRawValue())
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: () => {
          this.form.reset();
          this.passwordMessage.set({ ok: true, text: 'Your password is changed; your other sessions are logged out.' });
          this.load();
        },
        error: (err: unknown) => this.passwordMessage.set({ ok: false, text: apiErrorMessage(err) }),
      });
  }

  protected endSession(s: AccountSession): void {
    this.accounts
      .endSession(s.id)
      .subscribe({ next: () => this.load(), error: (err: unknown) => this.error.set(apiErrorMessage(err)) });
  }

  protected logoutEverywhere(): void {
    this.accounts.logoutEverywhere().subscribe({
      next: () => {
        this.session.end();
        void this.router.navigateByUrl('/login');
      },
      error: (err: unknown) => this.error.set(apiErrorMessage(err)),
    });
  }

  private load(): void {
    this.accounts.sessions().subscribe({
      next: (items) => this.sessions.set(items),
      error: (err: unknown) => this.error.set(apiErrorMessage(err)),
    });
  }
}
