import { Injectable, inject, signal } from '@angular/core';
import type {
  AccountSession,
  ChangePasswordRequest,
  DevMail,
  InvitationPreview,
  LoginResponse,
  MailDelivery,
  MeResponse,
} from '@updraft/api-types';
import { Observable, map, tap } from 'rxjs';
import { ApiHttp } from '../core/api.service';

export interface SignupForm {
  tenantName: string;
  tenantSlug: string;
  email: string;
  password: string;
}

/** Self-service account calls: sign-up, password reset, invitation look-up, the development mailbox. */
@Injectable({ providedIn: 'root' })
export class AccountService {
  private readonly api = inject(ApiHttp);
  private readonly verificationState = signal<MailDelivery | null>(null);
  /** The last verification mail's delivery as the API answered it (sign-up or resend), for the banner. */
  readonly verificationDelivery = this.verificationState.asReadonly();

  /** Signs up and answers like a log-in, so the session starts the same way. */
  signup(form: SignupForm): Observable<LoginResponse> {
    return this.api.post('/api/v1/auth/signup', {}, form).pipe(
      tap(({ verification }) => this.verificationState.set(verification)),
      map(({ tenant, role, verification: _, ...session }): LoginResponse => ({
        ...session,
        tenants: [{ slug: tenant.slug, name: tenant.name, role }],
      })),
    );
  }

  requestPasswordReset(email: string): Observable<{ message: string; delivery: MailDelivery }> {
    return this.api.post('/api/v1/auth/passwordReset', {}, { email });
  }

  resendVerification(): Observable<{ sent: boolean; delivery?: MailDelivery }> {
    return this.api
      .post('/api/v1/auth/verifyEmail/resend', {}, {})
      .pipe(tap(({ delivery }) => delivery && this.verificationState.set(delivery)));
  }

  lookupInvitation(token: string): Observable<InvitationPreview> {
    return this.api.post('/api/v1/auth/invitations/lookup', {}, { token });
  }

  me(): Observable<MeResponse> {
    return this.api.get('/api/v1/auth/me', {});
  }

  sessions(): Observable<AccountSession[]> {
    return this.api.get('/api/v1/auth/sessions', {}).pipe(map((page) => page.items));
  }

  endSession(id: string): Observable<void> {
    return this.api.delete('/api/v1/auth/sessions/{id}', { id });
  }

  logoutEverywhere(): Observable<void> {
    return this.api.post('/api/v1/auth/logoutEverywhere', {}, {});
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.api.post('/api/v1/auth/password', {}, body);
  }

  devMailbox(): Observable<DevMail[]> {
    return this.api.get('/api/v1/dev/mailbox', {}).pipe(map((page) => page.items));
  }
}
