import { EMPTY, Observable, expand, filter, fromEvent, of, startWith, switchMap, take, timer } from 'rxjs';

export const LIVE_POLL_MS = 2_000;

function whenVisible(): Observable<unknown> {
  if (typeof document === 'undefined' || document.visibilityState !== 'hidden') return of(null);
  return fromEvent(document, 'visibilitychange').pipe(filter(() => document.visibilityState !== 'hidden'), take(1));
}

/**
 * Loads now and on every `refresh$`, then again every 2 s while `isActive` says something is still
 * moving; it stops when nothing is, and waits while the tab is hidden.
 */
export function livePoll<T>(load: () => Observable<T>, isActive: (value: T) => boolean, refresh$: Observable<unknown>, intervalMs = LIVE_POLL_MS): Observable<T> {
  return refresh$.pipe(
    startWith(null),
    switchMap(() =>
      load().pipe(
        expand((value) => (isActive(value) ? timer(intervalMs).pipe(switchMap(() => whenVisible()), switchMap(() => load())) : EMPTY)),
      ),
    ),
  );
}
