import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccountSession,
  ChangePasswordRequest,
  DevMail,
  InvitationPreview,
  LoginResponse,
  MailDelivery,
  MeResponse,
  SignupResponse,
} from '@updraft/api-types';
import { Observable, map } from 'rxjs';
import { apiPath } from '../core/api.service';

export interface SignupForm {
  tenantName: string;
  tenantSlug: string;
  email: string;
  password: string;
}

/** Self-service account calls: sign-up, password reset, invitation look-up, the development mailbox. */
@Injectable({ providedIn: 'root' })
export class AccountService {
  private readonly http = inject(HttpClient);

  /** Signs up and answers like a log-in, so the session starts the same way. */
  signup(form: SignupForm): Observable<LoginResponse> {
    return this.http.post<SignupResponse>(apiPath('auth', 'signup'), form).pipe(
      map(({ tenant, role, ...session }): LoginResponse => ({
        ...session,
        tenants: [{ slug: tenant.slug, name: tenant.name, role }],
      })),
    );
  }

  requestPasswordReset(email: string): Observable<{ message: string }> {
    return this.http.post<{ message: string }>(apiPath('auth', 'passwordReset'), { email });
  }

  resendVerification(): Observable<{ sent: boolean; delivery?: MailDelivery }> {
    return this.http.post<{ sent: boolean; delivery?: MailDelivery }>(apiPath('auth', 'verifyEmail', 'resend'), {});
  }

  lookupInvitation(token: string): Observable<InvitationPreview> {
    return this.http.post<InvitationPreview>(apiPath('auth', 'invitations', 'lookup'), { token });
  }

  me(): Observable<MeResponse> {
    return this.http.get<MeResponse>(apiPath('auth', 'me'));
  }

  sessions(): Observable<AccountSession[]> {
    return this.http.get<{ items: AccountSession[] }>(apiPath('auth', 'sessions')).pipe(map((page) => page.items));
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(apiPath('auth', 'sessions', id));
  }

  logoutEverywhere(): Observable<void> {
    return this.http.post<void>(apiPath('auth', 'logoutEverywhere'), {});
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(apiPath('auth', 'password'), body);
  }

  devMailbox(): Observable<DevMail[]> {
    return this.http.get<{ items: DevMail[] }>(apiPath('dev', 'mailbox')).pipe(map((page) => page.items));
  }
}
