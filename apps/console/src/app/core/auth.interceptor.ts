import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, finalize, Observable, shareReplay, switchMap, throwError } from 'rxjs';
import { API_BASE, ApiService, apiUrl } from './api.service';
import { SessionTokens } from './api.types';
import { SessionService } from './session.service';

const REFRESH_URL = apiUrl('/api/v1/auth/refresh');

// One refresh at a time: a refresh token is good once, and presenting it twice ends the session.
let refreshing: Observable<SessionTokens> | null = null;

/**
 * Adds the bearer token to API calls. A 401 on an authenticated call is answered by one refresh
 * (and a retry with the new token); when that fails too, the session ends.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionService);
  const router = inject(Router);
  const api = inject(ApiService);
  const token = session.token();
  const isApiCall = req.url.startsWith(`${API_BASE}/`);

  if (!isApiCall || !token || req.url === REFRESH_URL) {
    return next(req);
  }

  const endSession = (error: unknown) => {
    session.end();
    void router.navigate(['/login'], { queryParams: { expired: 1 } });
    return throwError(() => error);
  };

  return next(req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      // Only the token we sent can be stale; a 401 from a token-less call (login) is a bad password.
      if (!(error instanceof HttpErrorResponse && error.status === 401 && session.token() === token))
        return throwError(() => error);
      const refreshToken = session.refreshToken();
      if (!refreshToken) return endSession(error);
      refreshing ??= api.refresh(refreshToken).pipe(
        finalize(() => (refreshing = null)),
        shareReplay(1),
      );
      return refreshing.pipe(
        catchError(() => endSession(error)),
        switchMap((tokens) => {
          session.renew(tokens);
          return next(req.clone({ setHeaders: { Authorization: `Bearer ${tokens.accessToken}` } }));
        }),
      );
    }),
  );
};
