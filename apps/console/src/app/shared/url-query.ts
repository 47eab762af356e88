import { ActivatedRoute, Router } from '@angular/router';

/**
 * Merges filters into the URL's query (empty values drop out) and goes back to the first page,
 * so that a list's filters survive a reload and can be shared as a link.
 */
export function setQueryFilters(
  router: Router,
  route: ActivatedRoute,
  change: Record<string, string | string[] | undefined>,
): void {
  const queryParams: Record<string, string | null> = { offset: null };
  for (const [key, value] of Object.entries(change)) {
    const text = Array.isArray(value) ? value.join(',') : value;
    queryParams[key] = text ? text : null;
  }
  void router.navigate([], { relativeTo: route, queryParams, queryParamsHandling: 'merge' });
}

export function setQueryOffset(router: Router, route: ActivatedRoute, offset: number): void {
  void router.navigate([], {
    relativeTo: route,
    queryParams: { offset: offset > 0 ? offset : null },
    queryParamsHandling: 'merge',
  });
}
