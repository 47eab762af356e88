import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ApprovalFormField } from '@updraft/api-types';
import { AdminApiService } from '../admin/admin-api.service';
import type { Approval, ApprovalPage } from '../core/api.types';
import { PageMessagesComponent } from '../shared/page-messages.component';
import { PageState } from '../shared/page-state';
import { PagerComponent } from '../shared/pager.component';

const PAGE_SIZE = 25;
type Showing = 'mine' | 'pending' | 'answered';

/** A form field's typed value from what its input holds (numbers, booleans and JSON for the rest). */
export function formValue(field: ApprovalFormField, raw: unknown): unknown {
  if (field.type === 'boolean') return raw === true;
  if (typeof raw !== 'string') return raw;
  if (field.type === 'number' || field.type === 'integer') return raw.trim() === '' ? undefined : Number(raw);
  if (field.type === 'object' || field.type === 'array') return raw.trim() === '' ? undefined : JSON.parse(raw);
  return raw;
}

/** The approval's form fields, declared like DAG params (the OpenAPI document types the form as a free map). */
const formOf = (approval: Approval) => approval.form as Record<string, ApprovalFormField>;

/**
 * "Needs my answer": the approval steps waiting on the signed-in user (or every pending or
 * answered one), answered here with one of their options and their form's values.
 */
@Component({
  selector: 'ud-approvals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, PageMessagesComponent, PagerComponent],
  template: `
    <h1>Approvals</h1>
    <ud-page-messages [state]="state" />
    <div class="form-row" role="group" aria-label="Which approvals">
      <label class="field"
        ><span>Show</span>
        <select name="showing" [(ngModel)]="showing" (ngModelChange)="load(0)" data-testid="approvals-showing">
          <option value="mine">Needs my answer</option>
          <option value="pending">All waiting</option>
          <option value="answered">Answered</option>
        </select></label
      >
    </div>
    @for (approval of page().items; track approval.id) {
      <section class="card approval" [attr.data-testid]="'approval-' + approval.taskId">
        <h2>{{ approval.subject }}</h2>
        <p class="small muted">
          <a [routerLink]="['/dags', approval.dagId, 'runs', approval.runId]"
            >{{ approval.dagId }} · {{ approval.runId }}</a
          >
          · step {{ approval.taskId }} · for {{ approval.assignees.join(', ') }}
          @if (approval.state === 'pending') {
            · times out {{ approval.timeoutAt.slice(0, 16).replace('T', ' ') }} ({{ approval.onTimeout }})
          }
        </p>
        @if (approval.body) {
          <p class="body">{{ approval.body }}</p>
        }
        @if (approval.state === 'pending' && approval.mine) {
          <form (ngSubmit)="$event.preventDefault()" [attr.aria-label]="'Answer ' + approval.subject">
            @for (field of fields(approval); track field.name) {
              @if (field.spec.type === 'boolean') {
                <label class="field"
                  ><span>{{ label(field) }}</span>
                  <input type="checkbox" [name]="field.name" [(ngModel)]="values(approval)[field.name]"
                /></label>
              } @else if (field.spec.enum) {
                <label class="field"
                  ><span>{{ label(field) }}</span>
                  <select [name]="field.name" [(ngModel)]="values(approval)[field.name]">
                    @for (choice of field.spec.enum; track $index) {
                      <option [ngValue]="choice">{{ choice }}</option>
                    }
                  </select></label
                >
              } @else {
                <label class="field"
                  ><span>{{ label(field) }}</span>
                  <input
                    [type]="field.spec.type === 'number' || field.spec.type === 'integer' ? 'number' : 'text'"
                    [name]="field.name"
                    [(ngModel)]="values(approval)[field.name]"
                /></label>
              }
            }
            <div class="options">
              @for (option of approval.options; track option) {
                <button
                  class="btn"
                  [class.btn--primary]="$first"
                  type="button"
                  [disabled]="state.busy()"
                  (click)="answer(approval, option)"
                >
                  {{ option }}
                </button>
              }
            </div>
          </form>
        } @else if (approval.state === 'pending') {
          <p class="muted">Waiting for {{ approval.assignees.join(', ') }}.</p>
        } @else {
          <p data-testid="approval-answer">
            {{ approval.state === 'timed_out' ? 'Timed out' : 'Answered' }}
            <strong>{{ approval.option ?? approval.onTimeout }}</strong>
            @if (approval.answeredBy) {
              by {{ approval.answeredBy }}
            }
            @if (approval.answeredVia) {
              ({{ approval.answeredVia }})
            }
          </p>
        }
      </section>
    } @empty {
      <p class="muted" data-testid="approvals-empty">
        {{ showing === 'mine' ? 'Nothing needs your answer.' : 'No approvals.' }}
      </p>
    }
    <ud-pager [total]="page().total" [offset]="page().offset" [limit]="pageSize" (go)="load($event)" />
  `,
  styles: `
    .approval {
      margin-bottom: 1rem;
    }
    .approval h2 {
      margin: 0 0 0.25rem;
      font-size: 1.05rem;
    }
    .body {
      white-space: pre-wrap;
    }
    .options {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      margin-top: 0.5rem;
    }
  `,
})
export class ApprovalsPage implements OnInit {
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly page = signal<ApprovalPage>({ items: [], total: 0, limit: PAGE_SIZE, offset: 0 });
  protected readonly pageSize = PAGE_SIZE;
  protected showing: Showing = 'mine';
  private readonly formValues = new Map<string, Record<string, unknown>>();

  ngOnInit(): void {
    this.load(0);
  }

  protected load(offset: number): void {
    this.state.load(
      this.api.get(
        '/approvals',
        {},
        {
          state: this.showing === 'answered' ? 'answered' : 'pending',
          mine: this.showing === 'mine' ? 'true' : undefined,
          limit: PAGE_SIZE,
          offset,
        },
      ),
      (page) => this.page.set(page),
    );
  }

  protected fields(approval: Approval): { name: string; spec: ApprovalFormField }[] {
    return Object.entries(formOf(approval)).map(([name, spec]) => ({ name, spec }));
  }

  protected label(field: { name: string; spec: ApprovalFormField }): string {
    return field.spec.description ? `${field.name} — ${field.spec.description}` : field.name;
  }

  /** The form's values as typed so far, starting from the fields' defaults. */
  protected values(approval: Approval): Record<string, unknown> {
    let values = this.formValues.get(approval.id);
    if (!values) {
      values = Object.fromEntries(Object.entries(formOf(approval)).map(([name, spec]) => [name, spec.default]));
      this.formValues.set(approval.id, values);
    }
    return values;
  }

  protected answer(approval: Approval, option: string): void {
    let form: Record<string, unknown>;
    try {
      form = Object.fromEntries(
        Object.entries(formOf(approval))
          .map(([name, spec]) => [name, formValue(spec, this.values(approval)[name])])
          .filter(([, value]) => value !== undefined),
      );
    } catch {
      this.state.error.set('A form field holds JSON that does not parse.');
      return;
    }
    this.state.run(
      this.api.post('/approvals/{id}/answer', { id: approval.id }, { option, form, via: 'console' }),
      () => this.load(this.page().offset),
      `Answered ${option}: ${approval.subject}`,
    );
  }
}
