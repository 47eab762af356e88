import { Route } from '@angular/router';
import { authGuard } from './core/auth.guard';
import { ShellComponent } from './core/shell.component';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · Updraft',
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dags' },
      {
        path: 'dags',
        title: 'DAGs · Updraft',
        loadComponent: () => import('./dags/dag-list.page').then((m) => m.DagListPage),
      },
      {
        path: 'dags/:dagId',
        title: 'DAG · Updraft',
        loadComponent: () => import('./dags/dag-detail.page').then((m) => m.DagDetailPage),
      },
      {
        path: 'dags/:dagId/runs/:runId/tasks/:taskId/logs/:tryNumber',
        title: 'Task log · Updraft',
        loadComponent: () => import('./logs/task-log.page').then((m) => m.TaskLogPage),
      },
    ],
  },
  { path: '**', redirectTo: 'dags' },
];
