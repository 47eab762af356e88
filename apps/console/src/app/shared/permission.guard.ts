import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@updraft/domain/permissions';
import { PermissionsService } from './permissions.service';

/** Lets a route open only for roles that hold `permission`; others land on the DAG list. */
export const requirePermission =
  (permission: Permission): CanActivateFn =>
  () =>
    inject(PermissionsService).can(permission) || inject(Router).createUrlTree(['/dags']);
