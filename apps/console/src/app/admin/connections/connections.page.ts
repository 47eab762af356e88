import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Connection, ConnectionTestResult } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

interface ConnectionForm {
  connId: string;
  connType: string;
  host: string;
  port: string;
  login: string;
  password: string;
  schema: string;
  extra: string;
  description: string;
}

const EMPTY: ConnectionForm = {
  connId: '',
  connType: 'http',
  host: '',
  port: '',
  login: '',
  password: '',
  schema: '',
  extra: '{}',
  description: '',
};
const TESTABLE = ['http', 'https', 'postgres', 'postgresql'];

/** Connections tasks use; the password (and credentials in extra) never come back to the browser. */
@Component({
  selector: 'ud-connections-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Connections</h1>
    <ud-page-messages [state]="state" />
    <form class="form-row" role="search" (ngSubmit)="load()">
      <label class="field"
        ><span>Search connection ids</span><input name="search" type="search" [(ngModel)]="search"
      /></label>
      <button class="btn" type="submit">Search</button>
    </form>

    @if (canEdit()) {
      <form class="card form-grid" (ngSubmit)="save()" data-testid="connection-form">
        <label class="field"
          ><span>Connection id</span
          ><input name="connId" required [readonly]="editing()" [(ngModel)]="form.connId" data-testid="connection-id"
        /></label>
        <label class="field"
          ><span>Type</span
          ><input name="connType" list="conn-types" required [(ngModel)]="form.connType" data-testid="connection-type"
        /></label>
        <datalist id="conn-types">
          <option value="http"></option>
          <option value="https"></option>
          <option value="postgres"></option>
        </datalist>
        <label class="field"
          ><span>Host</span><input name="host" [(ngModel)]="form.host" data-testid="connection-host"
        /></label>
        <label class="field"
          ><span>Port</span
          ><input name="port" type="number" min="1" max="65535" [(ngModel)]="form.port" data-testid="connection-port"
        /></label>
        <label class="field"
          ><span>Login</span
          ><input name="login" autocomplete="off" [(ngModel)]="form.login" data-testid="connection-login"
        /></label>
        <label class="field"
          ><span>Password{{ editing() ? ' (leave empty to keep)' : '' }}</span
          ><input
            name="password"
            type="password"
            autocomplete="new-password"
            [(ngModel)]="form.password"
            data-testid="connection-password"
        /></label>
        <label class="field"
          ><span>Schema / database</span><input name="schema" [(ngModel)]="form.schema" data-testid="connection-schema"
        /></label>
        <label class="field"><span>Description</span><input name="description" [(ngModel)]="form.description" /></label>
        <label class="field field--wide"
          ><span>Extra (JSON)</span><textarea name="extra" rows="2" [(ngModel)]="form.extra"></textarea>
        </label>
        <div class="form-row">
          <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !form.connId || !form.connType">
            {{ editing() ? 'Save' : 'Add connection' }}
          </button>
          @if (editing()) {
            <button class="btn" type="button" (click)="reset()">Cancel</button>
          }
        </div>
      </form>
    }

    <div class="table-wrap" tabindex="0" role="region" aria-label="Connections">
      <table class="table" data-testid="connections-table">
        <caption class="visually-hidden">
          Connections
        </caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Type</th>
            <th scope="col">Host</th>
            <th scope="col">Login</th>
            <th scope="col">Password</th>
            @if (canEdit()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (connection of connections(); track connection.connId) {
            <tr>
              <td class="mono">{{ connection.connId }}</td>
              <td>{{ connection.connType }}</td>
              <td class="mono small">{{ connection.host }}{{ connection.port ? ':' + connection.port : '' }}</td>
              <td>{{ connection.login }}</td>
              <td class="mono" [attr.data-testid]="'password-' + connection.connId">
                {{ connection.password ?? '—' }}
              </td>
              @if (canEdit()) {
                <td class="actions">
                  @if (testable(connection)) {
                    <button
                      class="btn btn--small"
                      type="button"
                      (click)="test(connection)"
                      [attr.aria-label]="'Test ' + connection.connId"
                      [attr.data-testid]="'test-' + connection.connId"
                    >
                      Test
                    </button>
                  }
                  <button
                    class="btn btn--small"
                    type="button"
                    (click)="edit(connection)"
                    [attr.aria-label]="'Edit ' + connection.connId"
                  >
                    Edit
                  </button>
                  <button
                    class="btn btn--small btn--danger"
                    type="button"
                    (click)="remove(connection)"
                    [attr.aria-label]="'Delete ' + connection.connId"
                  >
                    Delete
                  </button>
                </td>
              }
            </tr>
            @if (results()[connection.connId]; as result) {
              <tr>
                <td
                  [attr.colspan]="canEdit() ? 6 : 5"
                  [class]="result.ok ? 'success' : 'error'"
                  role="status"
                  [attr.data-testid]="'test-result-' + connection.connId"
                >
                  {{ result.ok ? 'Connected' : 'Failed' }} ({{ result.durationMs }} ms): {{ result.message }}
                </td>
              </tr>
            }
          } @empty {
            <tr>
              <td colspan="6" class="muted">No connections.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class ConnectionsPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly connections = signal<Connection[]>([]);
  protected readonly results = signal<Record<string, ConnectionTestResult>>({});
  protected readonly editing = signal(false);
  protected readonly canEdit = computed(() => this.permissions.can(PERMISSIONS.connectionsEdit));
  protected search = '';
  protected form: ConnectionForm = { ...EMPTY };

  ngOnInit(): void {
    this.load();
  }

  protected testable(connection: Connection): boolean {
    return TESTABLE.includes(connection.connType);
  }

  protected load(): void {
    this.state.load(this.api.get('/connections', {}, { search: this.search, limit: 500 }), (page) =>
      this.connections.set(page.items),
    );
  }

  protected edit(c: Connection): void {
    this.editing.set(true);
    this.form = {
      connId: c.connId,
      connType: c.connType,
      host: c.host ?? '',
      port: c.port ? String(c.port) : '',
      login: c.login ?? '',
      password: '',
      schema: c.schema ?? '',
      extra: JSON.stringify(c.extra ?? {}),
      description: c.description ?? '',
    };
  }

  protected reset(): void {
    this.editing.set(false);
    this.form = { ...EMPTY };
  }

  protected save(): void {
    const f = this.form;
    let extra: Record<string, unknown>;
    try {
      extra = JSON.parse(f.extra || '{}');
    } catch {
      this.state.error.set('Extra must be a JSON object, e.g. {"headers": {"Accept": "application/json"}}.');
      return;
    }
    const body = {
      connType: f.connType.trim(),
      host: f.host || null,
      port: f.port ? Number(f.port) : null,
      login: f.login || null,
      schema: f.schema || null,
      extra,
      description: f.description || null,
      // An empty password on edit keeps the stored one; the stored one is never in the form.
      ...(f.password !== '' ? { password: f.password } : {}),
    };
    const call = this.editing()
      ? this.api.patch('/connections/{connId}', { connId: f.connId }, body)
      : this.api.post('/connections', {}, { connId: f.connId.trim(), ...body });
    this.state.run(
      call,
      () => {
        this.reset();
        this.load();
      },
      `Connection ${f.connId} saved.`,
    );
  }

  protected test(connection: Connection): void {
    this.state.run(this.api.post('/connections/{connId}/test', { connId: connection.connId }, {}), (result) =>
      this.results.set({ ...this.results(), [connection.connId]: result }),
    );
  }

  protected remove(connection: Connection): void {
    if (!confirm(`Delete connection ${connection.connId}?`)) return;
    this.state.run(
      this.api.delete('/connections/{connId}', { connId: connection.connId }),
      () => this.load(),
      `Connection ${connection.connId} deleted.`,
    );
  }
}
