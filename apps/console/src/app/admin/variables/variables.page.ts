import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Variable } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

interface VariableForm {
  key: string;
  value: string;
  isSecret: boolean;
  description: string;
}

const EMPTY: VariableForm = { key: '', value: '', isSecret: false, description: '' };

/** Tenant variables; a secret's value is never shown again (the API sends only a mask). */
@Component({
  selector: 'ud-variables-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Variables</h1>
    <ud-page-messages [state]="state" />
    <form class="form-row" role="search" (ngSubmit)="load()">
      <label class="field"
        ><span>Search keys</span><input name="search" type="search" [(ngModel)]="search" data-testid="variable-search"
      /></label>
      <button class="btn" type="submit">Search</button>
    </form>

    @if (canEdit()) {
      <form class="card form-row" (ngSubmit)="save()" data-testid="variable-form">
        <label class="field"
          ><span>Key</span
          ><input name="key" required [readonly]="editing()" [(ngModel)]="form.key" data-testid="variable-key"
        /></label>
        <label class="field"
          ><span>Value{{ editing() && form.isSecret ? ' (leave empty to keep)' : '' }}</span>
          <input
            name="value"
            [type]="form.isSecret ? 'password' : 'text'"
            autocomplete="off"
            [(ngModel)]="form.value"
            data-testid="variable-value"
        /></label>
        <label class="field"><span>Description</span><input name="description" [(ngModel)]="form.description" /></label>
        <label class="check"
          ><input type="checkbox" name="isSecret" [(ngModel)]="form.isSecret" data-testid="variable-secret" />
          Secret</label
        >
        <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !form.key">
          {{ editing() ? 'Save' : 'Add variable' }}
        </button>
        @if (editing()) {
          <button class="btn" type="button" (click)="reset()">Cancel</button>
        }
      </form>
    }

    <div class="table-wrap" tabindex="0" role="region" aria-label="Variables">
      <table class="table" data-testid="variables-table">
        <caption class="visually-hidden">
          Variables
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Description</th>
            @if (canEdit()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (variable of variables(); track variable.key) {
            <tr>
              <td class="mono">{{ variable.key }}</td>
              <td class="mono">
                {{ variable.value }}
                @if (variable.isSecret) {
                  <span class="tag">secret</span>
                }
              </td>
              <td>{{ variable.description }}</td>
              @if (canEdit()) {
                <td class="actions">
                  <button
                    class="btn btn--small"
                    type="button"
                    (click)="edit(variable)"
                    [attr.aria-label]="'Edit ' + variable.key"
                  >
                    Edit
                  </button>
                  <button
                    class="btn btn--small btn--danger"
                    type="button"
                    (click)="remove(variable)"
                    [attr.aria-label]="'Delete ' + variable.key"
                  >
                    Delete
                  </button>
                </td>
              }
            </tr>
          } @empty {
            <tr>
              <td colspan="4" class="muted">No variables{{ search ? ' match' : '' }}.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class VariablesPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly variables = signal<Variable[]>([]);
  protected readonly editing = signal(false);
  protected readonly canEdit = computed(() => this.permissions.can(PERMISSIONS.variablesEdit));
  protected search = '';
  protected form: VariableForm = { ...EMPTY };

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.state.load(this.api.get('/variables', {}, { search: this.search, limit: 500 }), (page) =>
      this.variables.set(page.items),
    );
  }

  protected edit(variable: Variable): void {
    this.editing.set(true);
    this.form = {
      key: variable.key,
      value: variable.isSecret ? '' : variable.value,
      isSecret: variable.isSecret,
      description: variable.description ?? '',
    };
  }

  protected reset(): void {
    this.editing.set(false);
    this.form = { ...EMPTY };
  }

  protected save(): void {
    const { key, value, isSecret, description } = this.form;
    const call = this.editing()
      ? this.api.patch(
          '/variables/{key}',
          { key },
          {
            isSecret,
            description: description || null,
            ...(value !== '' || !isSecret ? { value } : {}),
          },
        )
      : this.api.post(
          '/variables',
          {},
          {
            key: key.trim(),
            value,
            isSecret,
            description: description || undefined,
          },
        );
    this.state.run(
      call,
      () => {
        this.reset();
        this.load();
      },
      `Variable ${key} saved.`,
    );
  }

  protected remove(variable: Variable): void {
    if (!confirm(`Delete variable ${variable.key}?`)) return;
    this.state.run(
      this.api.delete('/variables/{key}', { key: variable.key }),
      () => this.load(),
      `Variable ${variable.key} deleted.`,
    );
  }
}
