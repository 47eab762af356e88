import type { Permission } from '@updraft/domain';

export interface NavItem {
  label: string;
  link: string;
  /** The group heading the item sits under in the side navigation. */
  group: 'Workflows' | 'Administration';
  /** Shown only to roles that hold it. */
  permission?: Permission;
}

/**
 * The side navigation. Each page adds its own entry here (one line), and only pages that exist
 * are listed; the Administration group appears once it has an entry.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'DAGs', link: '/dags', group: 'Workflows' },
  { label: 'Runs', link: '/runs', group: 'Workflows' },
  { label: 'Bundles', link: '/bundles', group: 'Workflows' },
];
