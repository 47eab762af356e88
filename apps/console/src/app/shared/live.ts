import { Observable, defer, filter, fromEvent, map, repeat, startWith, switchMap, take, timer, EMPTY } from 'rxjs';

export const LIVE_INTERVAL_MS = 2000;

function pageVisible$(): Observable<boolean> {
  if (typeof document === 'undefined') return timer(0).pipe(map(() => true));
  return fromEvent(document, 'visibilitychange').pipe(
    startWith(null),
    map(() => document.visibilityState !== 'hidden'),
  );
}

/**
 * Loads, then loads again every `intervalMs` for as long as the last answer shows something
 * still active; it waits while the browser tab is hidden and stops once nothing is active.
 */
export function whileActive<T>(
  load: () => Observable<T>,
  isActive: (value: T) => boolean,
  intervalMs = LIVE_INTERVAL_MS,
): Observable<T> {
  let last: T | undefined;
  let loaded = false;
  return defer(load).pipe(
    map((value) => {
      last = value;
      loaded = true;
      return value;
    }),
    repeat({
      delay: () =>
        loaded && isActive(last as T)
          ? pageVisible$().pipe(
              filter(Boolean),
              take(1),
              switchMap(() => timer(intervalMs)),
            )
          : EMPTY,
    }),
  );
}

/** whileActive, started again from scratch each time `refresh$` emits (after an action changed something). */
export function livePoll<T>(
  load: () => Observable<T>,
  isActive: (value: T) => boolean,
  refresh$: Observable<unknown>,
  intervalMs = LIVE_INTERVAL_MS,
): Observable<T> {
  return refresh$.pipe(
    startWith(null),
    switchMap(() => whileActive(load, isActive, intervalMs)),
  );
}
