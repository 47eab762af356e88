import { Signal, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { Permission } from '@updraft/domain/permissions';
import { catchError, map, of, switchMap } from 'rxjs';
import { SessionService } from '../core/session.service';
import { DagApiService } from '../dags/dag-api.service';
import { PermissionsService } from './permissions.service';

/**
 * Whether the signed-in user holds `permission` on the DAG `dagId()` names: by tenant role, or, for
 * a team member, by their role in the team that owns the DAG (the DAG's team is read only then).
 * Call in an injection context. Hiding a button is a courtesy: the API refuses what the role lacks.
 */
export function dagPermission(dagId: () => string, permission: Permission): Signal<boolean> {
  const permissions = inject(PermissionsService);
  const session = inject(SessionService);
  const dags = inject(DagApiService);
  const target = computed(() => ({ tenant: session.tenant(), dagId: dagId() }));
  const team = toSignal(
    toObservable(target).pipe(
      switchMap(({ tenant, dagId }) =>
        !tenant || tenant.role !== 'member' || !dagId
          ? of(null)
          : dags.get(tenant.slug, dagId).pipe(
              map((dag) => dag.team ?? null),
              catchError(() => of(null)),
            ),
      ),
    ),
    { initialValue: null },
  );
  return computed(() => permissions.canOnDag(permission, team()));
}
