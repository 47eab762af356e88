import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Pool } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

/** Pools cap how many of the tenant's tasks hold a slot at once; default_pool always exists. */
@Component({
  selector: 'ud-pools-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Pools</h1>
    <ud-page-messages [state]="state" />
    @if (canManage()) {
      <form class="card form-row" (ngSubmit)="save()" data-testid="pool-form">
        <label class="field"
          ><span>Name</span
          ><input name="name" required [readonly]="editing()" [(ngModel)]="name" data-testid="pool-name"
        /></label>
        <label class="field"
          ><span>Slots</span
          ><input name="slots" type="number" min="0" required [(ngModel)]="slots" data-testid="pool-slots"
        /></label>
        <label class="field"><span>Description</span><input name="description" [(ngModel)]="description" /></label>
        <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !name">
          {{ editing() ? 'Save' : 'Add pool' }}
        </button>
        @if (editing()) {
          <button class="btn" type="button" (click)="reset()">Cancel</button>
        }
      </form>
    }
    <div class="table-wrap" tabindex="0" role="region" aria-label="Pools">
      <table class="table" data-testid="pools-table">
        <caption class="visually-hidden">
          Pools
        </caption>
        <thead>
          <tr>
            <th scope="col">Pool</th>
            <th scope="col">Slots</th>
            <th scope="col">Running</th>
            <th scope="col">Queued</th>
            <th scope="col">Open</th>
            <th scope="col">Waiting</th>
            @if (canManage()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (pool of pools(); track pool.name) {
            <tr>
              <td class="mono">
                {{ pool.name }}
                <div class="small muted">{{ pool.description }}</div>
              </td>
              <td>{{ pool.slots }}</td>
              <td>{{ pool.runningSlots }}</td>
              <td>{{ pool.queuedSlots }}</td>
              <td>{{ pool.openSlots }}</td>
              <td>{{ pool.scheduledTasks }}</td>
              @if (canManage()) {
                <td class="actions">
                  <button
                    class="btn btn--small"
                    type="button"
                    (click)="edit(pool)"
                    [attr.aria-label]="'Edit ' + pool.name"
                  >
                    Edit
                  </button>
                  @if (pool.name !== 'default_pool') {
                    <button
                      class="btn btn--small btn--danger"
                      type="button"
                      (click)="remove(pool)"
                      [attr.aria-label]="'Delete ' + pool.name"
                    >
                      Delete
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class PoolsPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly pools = signal<Pool[]>([]);
  protected readonly editing = signal(false);
  protected readonly canManage = computed(() => this.permissions.can(PERMISSIONS.poolsManage));
  protected name = '';
  protected slots = 4;
  protected description = '';

  ngOnInit(): void {
    this.load();
  }

  protected edit(pool: Pool): void {
    this.editing.set(true);
    Object.assign(this, { name: pool.name, slots: pool.slots, description: pool.description });
  }

  protected reset(): void {
    this.editing.set(false);
    Object.assign(this, { name: '', slots: 4, description: '' });
  }

  protected save(): void {
    const name = this.name.trim();
    const body = { slots: Number(this.slots), description: this.description };
    const call = this.editing()
      ? this.api.patch('/pools/{name}', { name }, body)
      : this.api.post('/pools', {}, { name, ...body });
    this.state.run(
      call,
      () => {
        this.reset();
        this.load();
      },
      `Pool ${name} saved.`,
    );
  }

  protected remove(pool: Pool): void {
    if (!confirm(`Delete pool ${pool.name}?`)) return;
    this.state.run(
      this.api.delete('/pools/{name}', { name: pool.name }),
      () => this.load(),
      `Pool ${pool.name} deleted.`,
    );
  }

  private load(): void {
    this.state.load(this.api.get('/pools', {}, { limit: 500 }), (page) => this.pools.set(page.items));
  }
}
