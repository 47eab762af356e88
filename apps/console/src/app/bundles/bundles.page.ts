import { DatePipe } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Bundle } from '@updraft/api-types';
import { Subject, catchError, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { livePoll } from '../shared/live';
import { PermissionsService } from '../shared/permissions.service';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { BundleApiService } from './bundle-api.service';

interface Upload {
  name: string;
  percent: number;
  error: string | null;
  /** The version the upload made, once the API answered. */
  bundleId: string | null;
}

/** DAG bundles: upload by drag and drop, every version with its state, who deployed it and its DAGs, a failed one's errors, and rollback. */
@Component({
  selector: 'ud-bundles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  template: `
    <h1>Bundles</h1>
    @if (canDeploy()) {
      <label
        class="drop card"
        [class.drop--over]="over()"
        (dragover)="$event.preventDefault(); over.set(true)"
        (dragleave)="over.set(false)"
        (drop)="$event.preventDefault(); over.set(false); dropped($event)"
        data-testid="bundle-drop"
      >
        <strong>Drop a bundle here</strong> (.tar.gz or .zip, made by <span class="mono">updraft deploy</span> or by
        hand) or
        <span class="link">choose a file</span>
        <input
          type="file"
          accept=".tar.gz,.tgz,.zip,application/gzip,application/zip"
          class="visually-hidden"
          (change)="chosen($event)"
          data-testid="bundle-file"
        />
      </label>
    } @else {
      <p class="muted" data-testid="bundle-read-only">
        Your role may look at bundles; deploying one needs bundles:deploy.
      </p>
    }
    @if (upload(); as u) {
      <div class="upload" data-testid="bundle-upload">
        <span class="mono small">{{ u.name }}</span>
        <progress max="100" [value]="u.percent" data-testid="bundle-progress">{{ u.percent }} %</progress>
        <span class="small" data-testid="bundle-upload-status">{{ uploadStatus() }}</span>
        @if (u.error) {
          <p class="error" role="alert" data-testid="bundle-upload-error">{{ u.error }}</p>
        }
      </div>
    }
    @if (list().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    <div class="scroll">
      <table class="table">
        <thead>
          <tr>
            <th>Version</th>
            <th>State</th>
            <th>Deployed</th>
            <th>By</th>
            <th>DAGs</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (b of list().items; track b.id) {
            <tr data-testid="bundle-row" [attr.data-version]="b.version" [attr.data-status]="b.status">
              <td>
                <span class="mono">{{ b.name }}</span> v{{ b.version }}
              </td>
              <td>
                <span [class]="'status status--' + b.status">{{ b.status }}</span>
              </td>
              <td>{{ b.createdAt | date: 'yyyy-MM-dd HH:mm' }}</td>
              <td class="small">{{ b.deployedBy ?? '—' }}</td>
              <td>
                <span data-testid="bundle-dag-count">{{ b.dagIds.length }}</span>
                @if (b.dagIds.length) {
                  <span class="small">
                    ({{ b.dagIds.slice(0, 3).join(', ') }}{{ b.dagIds.length > 3 ? '…' : '' }})</span
                  >
                }
              </td>
              <td>
                @if (b.status === 'superseded' && canDeploy()) {
                  @if (confirming() === b.id) {
                    <span class="small">Make v{{ b.version }} active again?</span>
                    <button
                      class="btn btn--primary"
                      type="button"
                      (click)="rollback(b)"
                      data-testid="bundle-rollback-confirm"
                    >
                      Roll back
                    </button>
                    <button class="btn" type="button" (click)="confirming.set(null)">Cancel</button>
                  } @else {
                    <button class="btn" type="button" (click)="confirming.set(b.id)" data-testid="bundle-rollback">
                      Roll back…
                    </button>
                  }
                }
              </td>
            </tr>
            @if (b.status === 'failed' && b.errors.length) {
              <tr class="errors">
                <td colspan="6">
                  <ul data-testid="bundle-errors">
                    @for (e of b.errors; track $index) {
                      <li data-testid="bundle-error">
                        <span class="mono">{{ e.file }}{{ e.line ? ':' + e.line : '' }}</span> {{ e.message }}
                      </li>
                    }
                  </ul>
                </td>
              </tr>
            }
          } @empty {
            <tr>
              <td colspan="6" class="muted">
                No bundle yet: drop one above, or run <span class="mono">updraft deploy</span>.
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    @if (rollbackError(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    <p class="small muted">Active DAGs are listed on the <a routerLink="/dags">DAGs</a> page.</p>
  `,
  styles: `
    .drop {
      display: block;
      text-align: center;
      padding: 2rem 1rem;
      border: 2px dashed #b0b7c3;
      cursor: pointer;
      margin-bottom: 1rem;
    }
    .drop--over {
      border-color: var(--accent);
      background: #eef5ff;
    }
    .link {
      color: var(--accent);
      text-decoration: underline;
    }
    .upload {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    progress {
      flex: 1 1 12rem;
      height: 0.9rem;
    }
    .errors td {
      background: #fff5f5;
    }
    .errors ul {
      margin: 0;
      padding-left: 1.2rem;
      color: var(--danger);
    }
    .scroll {
      overflow-x: auto;
    }
    .status {
      padding: 0.1em 0.6em;
      border-radius: 999px;
      font-size: 0.78rem;
      font-weight: 600;
      color: #fff;
      background: #808080;
    }
    .status--active {
      background: #008000;
    }
    .status--failed {
      background: #d32f2f;
    }
    .status--parsing {
      background: #32cd32;
      color: #10300f;
    }
    .status--superseded {
      background: #fff;
      color: #555;
      box-shadow: inset 0 0 0 1px #bbb;
    }
  `,
})
export class BundlesPage {
  private readonly api = inject(BundleApiService);
  private readonly session = inject(SessionService);
  /** Uploading and rolling back need bundles:deploy (docs/console.md); the API refuses them otherwise. */
  private readonly permissions = inject(PermissionsService);
  protected readonly canDeploy = computed(() => this.permissions.can(PERMISSIONS.bundlesDeploy));
  private readonly refresh$ = new Subject<void>();
  protected readonly over = signal(false);
  protected readonly upload = signal<Upload | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly rollbackError = signal<string | null>(null);
  private readonly tenant = computed(() => this.session.tenant()?.slug ?? '');

  protected readonly list = toSignal(
    toObservable(this.tenant).pipe(
      switchMap((tenant) =>
        livePoll(
          () =>
            this.api.list(tenant).pipe(
              map((page) => ({ items: page.items, error: null as string | null })),
              catchError((error: unknown) => of({ items: [] as Bundle[], error: apiErrorMessage(error) })),
            ),
          (v) => v.items.some((b) => b.status === 'pending' || b.status === 'parsing'),
          this.refresh$,
        ),
      ),
    ),
    { initialValue: { items: [] as Bundle[], error: null } },
  );

  protected readonly uploadStatus = computed(() => {
    const upload = this.upload();
    if (!upload || upload.error) return '';
    if (!upload.bundleId) return `${upload.percent} %`;
    const version = this.list().items.find((b) => b.id === upload.bundleId);
    if (!version || version.status === 'pending' || version.status === 'parsing') return 'uploaded, parsing…';
    return version.status === 'failed'
      ? `v${version.version} failed to parse (its errors are below)`
      : `v${version.version} ${version.status}`;
  });

  protected dropped(event: DragEvent): void {
    const file = event.dataTransfer?.files[0];
    if (file) this.send(file);
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.send(file);
    input.value = '';
  }

  protected rollback(bundle: Bundle): void {
    this.rollbackError.set(null);
    this.api.rollback(this.tenant(), bundle.id).subscribe({
      next: () => {
        this.confirming.set(null);
        this.refresh$.next();
      },
      error: (error: unknown) => this.rollbackError.set(apiErrorMessage(error)),
    });
  }

  private send(file: File): void {
    this.upload.set({ name: file.name, percent: 0, error: null, bundleId: null });
    this.api.upload(this.tenant(), file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.upload.update(
            (u) => u && { ...u, percent: event.total ? Math.round((event.loaded * 100) / event.total) : u.percent },
          );
        } else if (event.type === HttpEventType.Response) {
          this.upload.update((u) => u && { ...u, percent: 100, bundleId: event.body?.id ?? null });
          this.refresh$.next();
        }
      },
      error: (error: unknown) => this.upload.update((u) => u && { ...u, error: apiErrorMessage(error) }),
    });
  }
}
