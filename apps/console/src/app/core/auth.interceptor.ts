import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE } from './api.service';
import { SessionService } from './session.service';

/** Adds the bearer token to API calls; a 401 on an authenticated call ends the session. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionService);
  const router = inject(Router);
  const token = session.token();
  const isApiCall = req.url.startsWith(`${API_BASE}/`);

  if (!isApiCall || !token) {
    return next(req);
  }

  return next(req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      // Only the token we sent can be stale; a 401 from a token-less call (login) is a bad password.
      if (error instanceof HttpErrorResponse && error.status === 401 && session.token() === token) {
        session.end();
        void router.navigate(['/login'], { queryParams: { expired: 1 } });
      }
      return throwError(() => error);
    }),
  );
};
