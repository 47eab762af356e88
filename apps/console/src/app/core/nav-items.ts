import type { Permission } from '@updraft/domain/permissions';

export interface NavItem {
  label: string;
  link: string;
  /** The group heading the item sits under in the side navigation. */
  group: 'Workflows';
  /** Shown only to roles that hold it. */
  permission?: Permission;
}

/**
 * The side navigation's Workflows group, one line per page; the Administration group is
 * admin/admin.routes.ts's ADMIN_PAGES.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'DAGs', link: '/dags', group: 'Workflows' },
  { label: 'Runs', link: '/runs', group: 'Workflows' },
  { label: 'Bundles', link: '/bundles', group: 'Workflows' },
  { label: 'Approvals', link: '/approvals', group: 'Workflows', permission: 'runs:read' },
  { label: 'Incidents', link: '/incidents', group: 'Workflows', permission: 'incidents:read' },
];
