import { signal } from '@angular/core';
import { Observable } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';

/** A page's last error and last success message, and the one way it calls the API. */
export class PageState {
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly busy = signal(false);

  run<T>(call: Observable<T>, done?: (value: T) => void, notice?: string): void {
    this.error.set(null);
    this.notice.set(null);
    this.busy.set(true);
    call.subscribe({
      next: (value) => {
        this.busy.set(false);
        done?.(value);
        if (notice) this.notice.set(notice);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(apiErrorMessage(error));
      },
    });
  }

  /** A read: shows its error on failure, leaves the notice alone. */
  load<T>(call: Observable<T>, next: (value: T) => void): void {
    call.subscribe({ next, error: (error: unknown) => this.error.set(apiErrorMessage(error)) });
  }
}
