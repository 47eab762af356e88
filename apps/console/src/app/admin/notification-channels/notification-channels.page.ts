import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { NotificationChannel, NotificationChannelType } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

/** Email and Slack channels for alerts; defaults get the alerts of DAGs that name none. */
@Component({
  selector: 'ud-notification-channels-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Notification channels</h1>
    <ud-page-messages [state]="state" />
    @if (canEdit()) {
      <form class="card form-row" (ngSubmit)="create()" data-testid="channel-form">
        <label class="field"
          ><span>Name</span><input name="name" required [(ngModel)]="name" data-testid="channel-name"
        /></label>
        <label class="field"
          ><span>Type</span>
          <select name="type" [(ngModel)]="type" data-testid="channel-type">
            <option value="email">email</option>
            <option value="slack">slack</option>
          </select>
        </label>
        @if (type === 'email') {
          <label class="field"
            ><span>Addresses (comma-separated)</span
            ><input name="addresses" [(ngModel)]="addresses" data-testid="channel-addresses"
          /></label>
        } @else {
          <label class="field"
            ><span>Slack channel</span
            ><input name="slackChannel" placeholder="#alerts" [(ngModel)]="slackChannel" data-testid="channel-slack"
          /></label>
          <label class="field"
            ><span>Bot token</span
            ><input
              name="botToken"
              type="password"
              autocomplete="off"
              [(ngModel)]="botToken"
              data-testid="channel-bot-token"
          /></label>
        }
        <label class="check"><input type="checkbox" name="isDefault" [(ngModel)]="isDefault" /> Default channel</label>
        <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !name">Add channel</button>
      </form>
    }
    <div class="table-wrap" tabindex="0" role="region" aria-label="Notification channels">
      <table class="table" data-testid="channels-table">
        <caption class="visually-hidden">
          Notification channels
        </caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Type</th>
            <th scope="col">Sends to</th>
            <th scope="col">State</th>
            @if (canEdit()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (channel of channels(); track channel.id) {
            <tr [attr.data-testid]="'channel-' + channel.name">
              <td>
                {{ channel.name }}
                @if (channel.isDefault) {
                  <span class="tag">default</span>
                }
              </td>
              <td>{{ channel.type }}</td>
              <td class="small mono">{{ target(channel) }}</td>
              <td>
                @if (channel.failing) {
                  <span class="error">Failing since {{ channel.failingSince?.slice(0, 16)?.replace('T', ' ') }}</span>
                  <div class="small">{{ channel.lastError }}</div>
                } @else {
                  <span class="success">OK</span>
                }
              </td>
              @if (canEdit()) {
                <td class="actions">
                  <button
                    class="btn btn--small"
                    type="button"
                    (click)="test(channel)"
                    [attr.aria-label]="'Send a test message to ' + channel.name"
                    [attr.data-testid]="'test-channel-' + channel.name"
                  >
                    Send test message
                  </button>
                  <button class="btn btn--small" type="button" (click)="toggleDefault(channel)">
                    {{ channel.isDefault ? 'Unset default' : 'Make default' }}
                  </button>
                  <button
                    class="btn btn--small btn--danger"
                    type="button"
                    (click)="remove(channel)"
                    [attr.aria-label]="'Delete ' + channel.name"
                  >
                    Delete
                  </button>
                </td>
              }
            </tr>
          } @empty {
            <tr>
              <td colspan="5" class="muted">No channels. SLA alerts go nowhere until you add one.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class NotificationChannelsPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly channels = signal<NotificationChannel[]>([]);
  protected readonly canEdit = computed(() => this.permissions.can(PERMISSIONS.channelsEdit));
  protected name = '';
  protected type: NotificationChannelType = 'email';
  protected addresses = '';
  protected slackChannel = '';
  protected botToken = '';
  protected isDefault = false;

  ngOnInit(): void {
    this.load();
  }

  protected target(channel: NotificationChannel): string {
    const config = channel.config;
    return channel.type === 'email'
      ? ((config['addresses'] as string[] | undefined) ?? []).join(', ')
      : String(config['channel'] ?? 'webhook');
  }

  protected create(): void {
    const config =
      this.type === 'email'
        ? {
            addresses: this.addresses
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
          }
        : { channel: this.slackChannel.trim(), botToken: this.botToken };
    const name = this.name.trim();
    this.state.run(
      this.api.post(
        '/notificationChannels',
        {},
        {
          name,
          type: this.type,
          isDefault: this.isDefault,
          config,
        },
      ),
      () => {
        Object.assign(this, { name: '', addresses: '', slackChannel: '', botToken: '', isDefault: false });
        this.load();
      },
      `Channel ${name} added.`,
    );
  }

  protected test(channel: NotificationChannel): void {
    this.state.run(this.api.post('/notificationChannels/{id}/test', { id: channel.id }, {}), (result) => {
      if (result.delivered) this.state.notice.set(`Test message delivered to ${channel.name}.`);
      else this.state.error.set(`Test message to ${channel.name} failed: ${result.error}`);
      this.load();
    });
  }

  protected toggleDefault(channel: NotificationChannel): void {
    this.state.run(
      this.api.patch('/notificationChannels/{id}', { id: channel.id }, { isDefault: !channel.isDefault }),
      () => this.load(),
    );
  }

  protected remove(channel: NotificationChannel): void {
    if (!confirm(`Delete channel ${channel.name}?`)) return;
    this.state.run(
      this.api.delete('/notificationChannels/{id}', { id: channel.id }),
      () => this.load(),
      `Channel ${channel.name} deleted.`,
    );
  }

  private load(): void {
    this.state.load(this.api.get('/notificationChannels', {}), (page) => this.channels.set(page.items));
  }
}
