import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { apiErrorMessage } from '../core/api-error';
import { BreadcrumbsComponent } from '../shared/breadcrumbs.component';
import { DagApiService } from './dag-api.service';
import { DagPageStore } from './dag-page.store';
import { DAG_TABS } from './dag.routes';
import { PauseToggleComponent } from './pause-toggle.component';

/** One DAG: its header, and a tab per view, each a URL under /dags/:dagId/. */
@Component({
  selector: 'ud-dag-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [DagPageStore],
  imports: [BreadcrumbsComponent, PauseToggleComponent, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <ud-breadcrumbs [items]="crumbs()" />
    <div class="dag-head">
      <h1 class="mono">{{ store.dagId() }}</h1>
      @if (store.dag(); as dag) {
        <ud-pause-toggle
          [paused]="dag.isPaused"
          [editable]="store.canEdit()"
          [busy]="pausing()"
          (pauseRequested)="setPaused($event)"
        />
        @if (store.canTrigger()) {
          <a class="btn btn--primary" [routerLink]="['/dags', store.dagId(), 'trigger']" data-testid="trigger-button"
            >Trigger…</a
          >
          <a class="btn" [routerLink]="['/dags', store.dagId(), 'backfill']" data-testid="dag-backfill">Backfill…</a>
        }
        @if (store.live()) {
          <span class="live small" data-testid="live-indicator" title="Updating every 2 s while a run is active"
            >● live</span
          >
        }
      }
    </div>
    @if (store.dag()?.description; as description) {
      <p class="muted">{{ description }}</p>
    }
    @if (store.dagError() ?? pauseError(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    <nav class="tabs" aria-label="DAG views" data-testid="dag-tabs">
      @for (tab of tabs; track tab.path) {
        <a
          class="tabs__tab"
          [routerLink]="tab.path"
          routerLinkActive="tabs__tab--active"
          [routerLinkActiveOptions]="{ exact: false }"
          queryParamsHandling="preserve"
          [attr.data-testid]="'tab-' + tab.path"
          >{{ tab.label }}</a
        >
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    .dag-head {
      display: flex;
      align-items: center;
      gap: 1rem;
      flex-wrap: wrap;
    }
    .dag-head h1 {
      margin-right: auto;
      overflow-wrap: anywhere;
    }
    .live {
      color: #2e7d32;
    }
    .tabs {
      display: flex;
      gap: 0.25rem;
      border-bottom: 1px solid var(--border);
      margin: 0.75rem 0 1rem;
      overflow-x: auto;
    }
    .tabs__tab {
      padding: 0.45rem 0.8rem;
      color: inherit;
      text-decoration: none;
      border-bottom: 2px solid transparent;
      white-space: nowrap;
    }
    .tabs__tab--active {
      color: var(--accent);
      border-bottom-color: var(--accent);
      font-weight: 600;
    }
  `,
})
export class DagPage {
  protected readonly store = inject(DagPageStore);
  private readonly api = inject(DagApiService);
  protected readonly tabs = DAG_TABS;
  protected readonly pausing = signal(false);
  protected readonly pauseError = signal<string | null>(null);
  protected readonly crumbs = computed(() => [{ label: 'DAGs', link: '/dags' }, { label: this.store.dagId() }]);

  protected setPaused(isPaused: boolean): void {
    const tenant = this.store.tenant();
    if (!tenant) return;
    this.pausing.set(true);
    this.pauseError.set(null);
    this.api.setPaused(tenant, this.store.dagId(), isPaused).subscribe({
      next: (dag) => {
        this.store.dag.set(dag);
        this.pausing.set(false);
      },
      error: (err: unknown) => {
        this.pauseError.set(apiErrorMessage(err));
        this.pausing.set(false);
      },
    });
  }
}
