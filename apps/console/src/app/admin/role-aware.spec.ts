import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@updraft/domain/permissions';
import { LOGIN_RESPONSE } from '../core/api.fixtures';
import { SessionService } from '../core/session.service';
import { ShellComponent } from '../core/shell.component';
import { ApiTokensPage } from './api-tokens/api-tokens.page';
import { ConnectionsPage } from './connections/connections.page';
import { MembersPage } from './members/members.page';
import { NotificationChannelsPage } from './notification-channels/notification-channels.page';
import { PoolsPage } from './pools/pools.page';
import { TeamsPage } from './teams/teams.page';
import { VariablesPage } from './variables/variables.page';
import { DagPage } from '../dags/dag.page';

const ITEMS: Record<string, object> = {
  members: {
    items: [
      { userId: 'u1', email: 'ada@example.com', role: 'owner', joinedAt: '2024-01-01T00:00:00Z' },
      { userId: 'u2', email: 'bob@example.com', role: 'viewer', joinedAt: '2024-01-01T00:00:00Z' },
    ],
  },
  invitations: { items: [] },
  teams: { items: [{ name: 'data', description: null, createdAt: '2024-01-01T00:00:00Z' }] },
  dags: { items: [], total: 0, limit: 500, offset: 0 },
  variables: {
    items: [
      { key: 'region', value: 'eu', isSecret: false, description: null, updatedAt: '' },
      { key: 'token', value: '********', isSecret: true, description: null, updatedAt: '' },
    ],
    total: 2,
    limit: 500,
    offset: 0,
  },
  connections: {
    items: [
      {
        connId: 'warehouse',
        connType: 'postgres',
        host: 'db',
        port: 5432,
        login: 'etl',
        password: '********',
        schema: null,
        extra: {},
        description: null,
        updatedAt: '',
      },
    ],
    total: 1,
    limit: 500,
    offset: 0,
  },
  pools: {
    items: [
      {
        name: 'default_pool',
        slots: 128,
        description: '',
        runningSlots: 1,
        queuedSlots: 0,
        openSlots: 127,
        scheduledTasks: 0,
        updatedAt: '',
      },
    ],
    total: 1,
    limit: 500,
    offset: 0,
  },
  notificationChannels: {
    items: [
      {
        id: 'c1',
        name: 'oncall',
        type: 'email',
        isDefault: true,
        config: { addresses: ['a@example.com'] },
        failing: true,
        failingSince: '2024-01-01T00:00:00Z',
        lastError: 'mailbox full',
        createdAt: '',
        updatedAt: '',
      },
    ],
    total: 1,
    limit: 1,
    offset: 0,
  },
  apiTokens: { items: [] },
  settings: { you: { role: 'member', permissions: ['tenant:read', 'teams:read'], teamRoles: { data: 'editor' } } },
};

function render(component: Type<unknown>, role: Role): HTMLElement {
  TestBed.inject(SessionService).start({ ...LOGIN_RESPONSE, tenants: [{ slug: 'acme', name: 'Acme Corp', role }] });
  const fixture = TestBed.createComponent(component);
  fixture.detectChanges();
  for (const request of TestBed.inject(HttpTestingController).match(() => true)) {
    if (request.request.url.endsWith('/auth/me')) {
      request.flush({ user: { ...LOGIN_RESPONSE.user, emailVerified: true }, tenants: [] });
      continue;
    }
    const resource = request.request.url.replace('/api/v1/tenants/acme/', '').split('/')[0];
    request.flush(ITEMS[resource] ?? { items: [] });
  }
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const buttons = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
const forms = (root: HTMLElement) => root.querySelectorAll('form:not([role="search"])').length;

describe('role-aware administration pages', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  it.each([
    ['members', MembersPage, ['Invite', 'Remove']],
    ['teams', TeamsPage, ['Create team']],
    ['variables', VariablesPage, ['Add variable', 'Edit', 'Delete']],
    ['connections', ConnectionsPage, ['Add connection', 'Test', 'Edit', 'Delete']],
    ['pools', PoolsPage, ['Add pool', 'Edit']],
    ['channels', NotificationChannelsPage, ['Add channel', 'Send test message', 'Delete']],
  ] as const)('%s: a viewer sees the data and no write button; an owner sees them', (_, page, writes) => {
    const viewer = render(page, 'viewer');
    expect(viewer.querySelector('table')?.textContent).not.toBe('');
    expect(forms(viewer)).toBe(0);
    for (const label of writes) expect(buttons(viewer)).not.toContain(label);
    viewer.remove();

    TestBed.resetTestingModule();
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const owner = render(page, 'owner');
    for (const label of writes) expect(buttons(owner)).toContain(label);
  });

  it('an editor edits variables and connections but manages no members and sees no invitations', () => {
    const members = render(MembersPage, 'editor');
    expect(members.querySelector('[data-testid="invite-form"]')).toBeNull();
    expect(members.querySelector('[data-testid="invitations-table"]')).toBeNull();
    expect(members.querySelectorAll('select').length).toBe(0);
    expect(buttons(render(VariablesPage, 'editor'))).toContain('Add variable');
  });

  it('an admin cannot make, change or remove an owner (only an owner can)', () => {
    const admin = render(MembersPage, 'admin');
    expect(admin.querySelector('[data-testid="member-role-ada@example.com"]')).toBeNull();
    expect(admin.querySelector('[data-testid="member-role-bob@example.com"] option[value="owner"]')).toBeNull();
    expect(buttons(admin).filter((b) => b === 'Remove')).toHaveLength(1);
  });

  it.each([
    ['viewer', null, false],
    ['editor', null, true],
    ['member', 'data', true],
    ['member', 'web', false],
  ] as const)('the DAG page shows Trigger to a %s (DAG of team %s): %s', async (role, team, shown) => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dags/:dagId', component: DagPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(SessionService).start({ ...LOGIN_RESPONSE, tenants: [{ slug: 'acme', name: 'Acme Corp', role }] });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/dags/etl');
    const http = TestBed.inject(HttpTestingController);
    http.match((r) => r.url.endsWith('/settings')).forEach((r) => r.flush(ITEMS['settings']));
    http
      .match('/api/v1/tenants/acme/dags/etl')
      .forEach((r) => r.flush({ dagId: 'etl', team, tasks: [], tags: [], params: {} }));
    harness.detectChanges();
    expect(!!harness.routeNativeElement?.querySelector('[data-testid="trigger-button"]')).toBe(shown);
  });

  it('a secret is shown masked, never its value', () => {
    const page = render(VariablesPage, 'owner');
    expect(page.textContent).toContain('********');
  });

  it('the navigation lists only the pages a role may open', () => {
    const links = (role: Role) => {
      const nav = render(ShellComponent, role).querySelector('[data-testid="admin-nav"]') as HTMLElement;
      return Array.from(nav.querySelectorAll('a')).map((a) => a.textContent?.trim());
    };
    expect(links('owner')).toEqual([
      'Members',
      'Teams',
      'API tokens',
      'Variables',
      'Connections',
      'Pools',
      'Notification channels',
      'SLA misses',
      'Audit log',
      'Tenant settings',
    ]);
    expect(links('viewer')).toEqual([
      'Members',
      'Teams',
      'Variables',
      'Connections',
      'Pools',
      'Notification channels',
      'SLA misses',
      'Tenant settings',
    ]);
    expect(links('member')).toEqual(['Members', 'Teams', 'Tenant settings']);
  });
});
