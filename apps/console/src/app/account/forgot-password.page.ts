import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { finalize } from 'rxjs';
import type { MailDelivery } from '@updraft/api-types';
import { apiErrorMessage } from '../core/api-error';
import { deliveryText } from './mail-delivery';
import { AccountService } from './account.service';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
@Component({
  selector: 'ud-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <main class="auth-page">
      <form class="card auth-page__card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1>Forgot your password?</h1>
        @if (sent()) {
          <p role="status" data-testid="forgot-sent">
            If an account has this address, a link to choose a new password is on its way. It works once, for one hour.
          </p>
          @if (delivery(); as delivery) {
            <p class="muted" data-testid="forgot-delivery" [attr.data-status]="delivery.status">
              The mail is {{ describe(delivery) }}.
            </p>
          }
        } @else {
          <label class="field">
            <span>Email</span>
            <input type="email" formControlName="email" autocomplete="email" data-testid="forgot-email" required />
          </label>
          @if (error()) {
            <p class="error" role="alert" data-testid="forgot-error">{{ error() }}</p>
          }
          <button class="btn btn--primary" type="submit" [disabled]="pending()" data-testid="forgot-submit">
            Send reset link
          </button>
        }
        <p class="muted"><a routerLink="/login">Back to sign in</a></p>
      </form>
    </main>
  `,
  styleUrl: './auth-page.css',
})
export class ForgotPasswordPage {
  private readonly accounts = inject(AccountService);

  protected readonly pending = signal(false);
  protected readonly sent = signal(false);
  /** Always `queued` (a real state would tell who has an account), but said, so nobody waits for a mail that is still leaving. */
  protected readonly delivery = signal<MailDelivery | null>(null);
  protected readonly describe = deliveryText;
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: [''] });

  protected submit(): void {
    const email = this.form.getRawValue().email.trim();
    if (this.pending()) return;
    if (!email.includes('@')) {
      this.error.set('Enter the email address of your account.');
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.accounts
      .requestPasswordReset(email)
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: ({ delivery }) => {
          this.delivery.set(delivery);
          this.sent.set(true);
        },
        error: (err: unknown) => this.error.set(apiErrorMessage(err)),
      });
  }
}
