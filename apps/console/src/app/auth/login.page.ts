import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { finalize } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { SessionService } from '../core/session.service';

@Component({
  selector: 'ud-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <main class="login">
      <form class="card login__card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1 class="login__title">Updraft</h1>
        <p class="muted">Sign in to the console</p>

        @if (expired) {
          <p class="notice">Your session has ended. Please sign in again.</p>
        }

        <label class="field">
          <span>Email</span>
          <input type="email" formControlName="email" autocomplete="username" data-testid="login-email" required />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            type="password"
            formControlName="password"
            autocomplete="current-password"
            data-testid="login-password"
            required
          />
        </label>

        @if (error()) {
          <p class="error" role="alert" data-testid="login-error">{{ error() }}</p>
        }

        <button class="btn btn--primary" type="submit" [disabled]="pending()" data-testid="login-submit">
          {{ pending() ? 'Signing in…' : 'Sign in' }}
        </button>
        <p class="login__links">
          <a routerLink="/forgot-password" data-testid="login-forgot">Forgot password?</a>
          <a routerLink="/signup" data-testid="login-signup">Create a team</a>
        </p>
      </form>
    </main>
  `,
  styles: `
    .login {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 1rem;
    }
    .login__card {
      width: min(24rem, 100%);
      display: grid;
      gap: 0.9rem;
      padding: 2rem;
    }
    .login__title {
      margin: 0;
      font-size: 1.5rem;
    }
    .login__card p {
      margin: 0;
    }
    .login__links {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      flex-wrap: wrap;
    }
  `,
})
export class LoginPage {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  protected readonly expired = inject(ActivatedRoute).snapshot.queryParamMap.has('expired');
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.error.set('Enter your email and password.');
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api
      .login(this.form.getRawValue())
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: (response) => {
          if (response.tenants.length === 0) {
            this.error.set('This account is not a member of any tenant yet.');
            return;
          }
          this.session.start(response);
          void this.router.navigateByUrl('/dags');
        },
        error: (err: unknown) => this.error.set(apiErrorMessage(err)),
      });
  }
}
