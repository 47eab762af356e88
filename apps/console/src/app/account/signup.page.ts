import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { finalize, map } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { AccountService } from './account.service';
import { PasswordHintComponent, passwordIssue } from './password-hint.component';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
const slugOf = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** A new team: its tenant (name and slug) and its owner; the server's password rules are checked as you type. */
@Component({
  selector: 'ud-signup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, PasswordHintComponent],
  template: `
    <main class="auth-page">
      <form class="card auth-page__card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1>Create your team on Updraft</h1>
        <label class="field">
          <span>Team name</span>
          <input
            formControlName="tenantName"
            autocomplete="organization"
            data-testid="signup-tenant-name"
            (input)="suggestSlug()"
            required
          />
        </label>
        <label class="field">
          <span>Team address (slug)</span>
          <input formControlName="tenantSlug" data-testid="signup-tenant-slug" aria-describedby="slug-help" required />
          <small id="slug-help" class="muted">3–40 lowercase letters, digits or hyphens; it appears in URLs.</small>
        </label>
        <label class="field">
          <span>Email</span>
          <input type="email" formControlName="email" autocomplete="email" data-testid="signup-email" required />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            type="password"
            formControlName="password"
            autocomplete="new-password"
            data-testid="signup-password"
            aria-describedby="password-rules"
            required
          />
          <ud-password-hint hintId="password-rules" [password]="values().password" [email]="values().email" />
        </label>
        @if (error()) {
          <p class="error" role="alert" data-testid="signup-error">{{ error() }}</p>
        }
        <button class="btn btn--primary" type="submit" [disabled]="pending()" data-testid="signup-submit">
          {{ pending() ? 'Creating…' : 'Create team' }}
        </button>
        <p class="muted">Already have an account? <a routerLink="/login">Sign in</a></p>
      </form>
    </main>
  `,
  styleUrl: './auth-page.css',
})
export class SignupPage {
  private readonly accounts = inject(AccountService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private slugEdited = false;

  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    tenantName: [''],
    tenantSlug: [''],
    email: [''],
    password: [''],
  });
  protected readonly values = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  constructor() {
    this.form.controls.tenantSlug.valueChanges.subscribe(() => (this.slugEdited = this.form.controls.tenantSlug.dirty));
  }

  protected suggestSlug(): void {
    if (!this.slugEdited)
      this.form.controls.tenantSlug.setValue(slugOf(this.form.controls.tenantName.value), { emitEvent: false });
  }

  protected submit(): void {
    if (this.pending()) return;
    const form = this.form.getRawValue();
    const problem = !form.tenantName.trim()
      ? 'Enter a team name.'
      : !SLUG.test(form.tenantSlug)
        ? 'The team address must be 3–40 lowercase letters, digits or hyphens.'
        : !form.email.includes('@')
          ? 'Enter your email address.'
          : passwordIssue(form.password, form.email);
    if (problem) {
      this.error.set(problem);
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.accounts
      .signup({ ...form, tenantName: form.tenantName.trim(), email: form.email.trim() })
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: (response) => {
          this.session.start(response);
          void this.router.navigateByUrl('/dags');
        },
        error: (err: unknown) => this.error.set(apiErrorMessage(err)),
      });
  }
}
