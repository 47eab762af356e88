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
    path: 'signup',
    title: 'Sign up · Updraft',
    loadComponent: () => import('./account/signup.page').then((m) => m.SignupPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password · Updraft',
    loadComponent: () => import('./account/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'dev/mailbox',
    title: 'Local mailbox · Updraft',
    loadComponent: () => import('./account/dev-mailbox.page').then((m) => m.DevMailboxPage),
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
      {
        path: 'account',
        title: 'Your account · Updraft',
        loadComponent: () => import('./account/account.page').then((m) => m.AccountPage),
      },
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
