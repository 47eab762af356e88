import { Route } from '@angular/router';
import { authGuard } from './core/auth.guard';
import { ShellComponent } from './core/shell.component';
import { DAG_ROUTES } from './dags/dag.routes';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · Updraft',
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  ...(['verify-email', 'reset-password', 'accept-invitation'] as const).map((kind) => ({
    path: kind,
    title: 'Account · Updraft',
    data: { kind },
    loadComponent: () => import('./auth/account-link.page').then((m) => m.AccountLinkPage),
  })),
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dags' },
      ...DAG_ROUTES,
      {
        path: 'dags/:dagId/runs/:runId/tasks/:taskId/logs/:tryNumber',
        title: 'Task log · Updraft',
        loadComponent: () => import('./logs/task-log.page').then((m) => m.TaskLogPage),
      },
      {
        path: '**',
        title: 'Not found · Updraft',
        loadComponent: () => import('./core/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
