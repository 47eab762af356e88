import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { apiErrorMessage } from '../core/api-error';
import { deliveryText } from './mail-delivery';
import { AccountService } from './account.service';

/** Until the address is confirmed: a banner in the shell, with a way to get the link again. */
@Component({
  selector: 'ud-verify-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (unverifiedEmail(); as email) {
      <div class="verify-banner" role="status" data-testid="verify-banner">
        <span
          >Confirm your email address: open the link we sent to <strong>{{ email }}</strong>.</span
        >
        @if (delivery(); as delivery) {
          <span data-testid="verify-delivery" [attr.data-status]="delivery.status"
            >The mail is {{ describe(delivery) }}.</span
          >
        }
        @if (note()) {
          <span data-testid="verify-banner-note">{{ note() }}</span>
        } @else {
          <button class="btn" type="button" (click)="resend()" [disabled]="pending()" data-testid="verify-resend">
            Send the link again
          </button>
        }
      </div>
    }
  `,
  styles: `
    .verify-banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 1.5rem;
      background: #fff4ce;
      color: #3b2f00;
      border-bottom: 1px solid #e6d48a;
    }
  `,
})
export class VerifyBannerComponent implements OnInit {
  private readonly accounts = inject(AccountService);

  protected readonly unverifiedEmail = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly note = signal<string | null>(null);
  protected readonly delivery = this.accounts.verificationDelivery;
  protected readonly describe = deliveryText;

  ngOnInit(): void {
    this.accounts.me().subscribe({
      next: ({ user }) => this.unverifiedEmail.set(user.emailVerified === false ? user.email : null),
      error: () => undefined,
    });
  }

  protected resend(): void {
    this.pending.set(true);
    this.accounts.resendVerification().subscribe({
      next: ({ sent }) =>
        this.note.set(
          sent ? 'A new link is on its way; the earlier one still works.' : 'Your address is already confirmed.',
        ),
      error: (err: unknown) => {
        this.pending.set(false);
        this.note.set(apiErrorMessage(err));
      },
    });
  }
}
