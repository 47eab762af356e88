import { Route } from '@angular/router';
import { authGuard } from './core/auth.guard';
import { ShellComponent } from './core/shell.component';
import { DAG_ROUTES } from './dags/dag.routes';
import { ADMIN_ROUTES } from './admin/admin.routes';

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
      // Operating runs: run and task instance pages, trigger, backfill, bundles (docs/console.md).
      {
        path: 'account',
        title: 'Your account · Updraft',
        loadComponent: () => import('./account/account.page').then((m) => m.AccountPage),
      },
      {
        path: 'dags/:dagId/runs/:runId',
        title: 'Run · Updraft',
        loadComponent: () => import('./runs/run.page').then((m) => m.RunPage),
      },
      {
        path: 'dags/:dagId/runs/:runId/tasks/:taskId',
        title: 'Task instance · Updraft',
        loadComponent: () => import('./task-instances/task-instance.page').then((m) => m.TaskInstancePage),
      },
      {
        path: 'dags/:dagId/trigger',
        title: 'Trigger · Updraft',
        loadComponent: () => import('./runs/trigger.page').then((m) => m.TriggerPage),
      },
      {
        path: 'dags/:dagId/backfill',
        title: 'Backfill · Updraft',
        loadComponent: () => import('./backfills/backfill.page').then((m) => m.BackfillPage),
      },
      {
        path: 'dags/:dagId/backfills/:backfillId',
        title: 'Backfill progress · Updraft',
        loadComponent: () => import('./backfills/backfill-progress.page').then((m) => m.BackfillProgressPage),
      },
      {
        path: 'bundles',
        title: 'Bundles · Updraft',
        loadComponent: () => import('./bundles/bundles.page').then((m) => m.BundlesPage),
      },
      {
        path: 'approvals',
        title: 'Approvals · Updraft',
        loadComponent: () => import('./approvals/approvals.page').then((m) => m.ApprovalsPage),
      },
      {
        path: 'incidents',
        title: 'Incidents · Updraft',
        loadComponent: () => import('./incidents/incidents.page').then((m) => m.IncidentsPage),
      },
      {
        path: 'incidents/:incidentId',
        title: 'Incident · Updraft',
        loadComponent: () => import('./incidents/incident.page').then((m) => m.IncidentPage),
      },
      ...DAG_ROUTES,
      {
        path: 'dags/:dagId/runs/:runId/tasks/:taskId/logs/:tryNumber',
        title: 'Task log · Updraft',
        loadComponent: () => import('./logs/task-log.page').then((m) => m.TaskLogPage),
      },
      // Administration (admin/admin.routes.ts)
      ...ADMIN_ROUTES,
      {
        path: '**',
        title: 'Not found · Updraft',
        loadComponent: () => import('./core/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
