import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { TenantSettings } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { SessionService } from '../../core/session.service';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

/** The tenant's name, default channels, running-task limit and usage now. */
@Component({
  selector: 'ud-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, PageMessagesComponent],
  template: `
    <h1>Tenant settings</h1>
    <ud-page-messages [state]="state" />
    @if (settings(); as s) {
      <section class="card" aria-labelledby="settings-name">
        <h2 id="settings-name">Name</h2>
        @if (canManage()) {
          <form class="form-row" (ngSubmit)="rename()">
            <label class="field"
              ><span>Tenant name</span
              ><input name="name" required maxlength="100" [(ngModel)]="name" data-testid="tenant-name-input"
            /></label>
            <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !name.trim() || name === s.name">
              Rename
            </button>
          </form>
        } @else {
          <p data-testid="tenant-name-text">{{ s.name }}</p>
        }
        <p class="muted small">
          Slug <span class="mono">{{ s.slug }}</span> (used in URLs and the CLI; it never changes).
        </p>
      </section>

      <section class="card" aria-labelledby="settings-usage">
        <h2 id="settings-usage">Usage</h2>
        <dl class="stats" data-testid="usage">
          <div>
            <dt>DAGs</dt>
            <dd>{{ s.usage.dags }}</dd>
          </div>
          <div>
            <dt>Runs today (UTC)</dt>
            <dd>{{ s.usage.runsToday }}</dd>
          </div>
          <div>
            <dt>Tasks running</dt>
            <dd>{{ s.usage.tasksRunning }} of {{ s.runningTaskLimit.value }}</dd>
          </div>
        </dl>
        <p class="muted small">
          At most {{ s.runningTaskLimit.value }} of the tenant's tasks run at once ({{
            s.runningTaskLimit.source === 'platform'
              ? 'the platform default'
              : 'set for this tenant by the platform operators'
          }}); ask them to change it.
        </p>
      </section>

      <section class="card" aria-labelledby="settings-channels">
        <h2 id="settings-channels">Default channels</h2>
        <p class="muted small">SLA and deadline alerts of DAGs that name no channel go here.</p>
        <ul class="plain">
          @for (channel of s.defaultChannels; track channel.id) {
            <li>
              {{ channel.name }} <span class="tag">{{ channel.type }}</span>
            </li>
          } @empty {
            <li class="muted">None.</li>
          }
        </ul>
        <a routerLink="/admin/notification-channels">Manage channels</a>
      </section>

      <section class="card" aria-labelledby="settings-you">
        <h2 id="settings-you">Your access</h2>
        <p>
          Your role here is <strong>{{ s.you.role }}</strong>.
        </p>
        <p class="small muted">{{ s.you.permissions.join(', ') }}</p>
      </section>
    }
  `,
})
export class SettingsPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  private readonly session = inject(SessionService);
  protected readonly state = new PageState();
  protected readonly settings = signal<TenantSettings | null>(null);
  protected readonly canManage = computed(() => this.permissions.can(PERMISSIONS.tenantManage));
  protected name = '';

  ngOnInit(): void {
    this.state.load(this.api.get('/settings', {}), (s) => this.show(s as TenantSettings));
  }

  protected rename(): void {
    this.state.run(
      this.api.patch('/settings', {}, { name: this.name.trim() }),
      (s) => {
        this.show(s as TenantSettings); // teamRoles: a free-form map in the document
        this.session.renameTenant(s.slug, s.name);
      },
      'Tenant renamed.',
    );
  }

  private show(settings: TenantSettings): void {
    this.settings.set(settings);
    this.name = settings.name;
  }
}
