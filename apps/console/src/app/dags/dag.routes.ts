import { Route } from '@angular/router';

/** The DAG list and the DAG page; each tab of the DAG page is a URL of its own. */
export const DAG_TABS = [
  { path: 'grid', label: 'Grid', load: () => import('./tabs/grid.tab').then((m) => m.GridTab) },
  { path: 'graph', label: 'Graph', load: () => import('./tabs/graph.tab').then((m) => m.GraphTab) },
  { path: 'gantt', label: 'Gantt', load: () => import('./tabs/gantt.tab').then((m) => m.GanttTab) },
  { path: 'code', label: 'Code', load: () => import('./tabs/code.tab').then((m) => m.CodeTab) },
  { path: 'runs', label: 'Runs', load: () => import('./tabs/runs.tab').then((m) => m.RunsTab) },
  { path: 'details', label: 'Details', load: () => import('./tabs/details.tab').then((m) => m.DetailsTab) },
  { path: 'versions', label: 'Versions', load: () => import('./tabs/versions.tab').then((m) => m.VersionsTab) },
] as const;

export const DAG_ROUTES: Route[] = [
  {
    path: 'runs',
    title: 'Runs · Updraft',
    loadComponent: () => import('../runs/runs.page').then((m) => m.RunsPage),
  },
  {
    path: 'dags',
    title: 'DAGs · Updraft',
    loadComponent: () => import('./dag-list.page').then((m) => m.DagListPage),
  },
  {
    path: 'dags/:dagId',
    title: 'DAG · Updraft',
    loadComponent: () => import('./dag.page').then((m) => m.DagPage),
    children: [
      { path: '', pathMatch: 'full', title: 'Grid · Updraft', loadComponent: DAG_TABS[0].load },
      ...DAG_TABS.map((tab) => ({ path: tab.path, title: `${tab.label} · Updraft`, loadComponent: tab.load })),
    ],
  },
];
