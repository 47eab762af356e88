import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '@updraft/domain';

/** The server's password rules (libs/domain), then, as you type, the rule the password breaks or that it is accepted. */
@Component({
  selector: 'ud-password-hint',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<small
    [id]="hintId()"
    [class.error]="problem()"
    [class.muted]="!problem()"
    aria-live="polite"
    data-testid="password-hint"
    >{{ message() }}</small
  >`,
  styles: `
    small {
      display: block;
      margin-top: 0.25rem;
    }
  `,
})
export class PasswordHintComponent {
  readonly password = input.required<string>();
  readonly email = input<string | undefined>();
  readonly hintId = input('password-hint');

  protected readonly problem = computed(() =>
    this.password() ? passwordProblem(this.password(), this.email()?.trim().toLowerCase() || undefined) : null,
  );
  protected readonly message = computed(() =>
    !this.password()
      ? `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not your email address.`
      : (this.problem() ?? 'This password is accepted.'),
  );
}

/** The rule a password breaks, for a form to refuse before sending. */
export const passwordIssue = (password: string, email?: string): string | null =>
  passwordProblem(password, email?.trim().toLowerCase() || undefined);
