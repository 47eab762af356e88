import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { ApiErrorBody, DagDetail } from '@updraft/api-types';
import type { ParamSpec } from '@updraft/sdk';
import { HttpErrorResponse } from '@angular/common/http';
import { catchError, combineLatest, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { SessionService } from '../core/session.service';
import { RunApiService } from './run-api.service';

type FieldKind = 'enum' | 'boolean' | 'number' | 'integer' | 'string' | 'json';

interface ParamField {
  name: string;
  kind: FieldKind;
  spec: ParamSpec;
}

function kindOf(spec: ParamSpec): FieldKind {
  if (spec.enum?.length) return 'enum';
  if (spec.type === 'boolean' || spec.type === 'number' || spec.type === 'integer' || spec.type === 'string')
    return spec.type;
  return typeof spec.default === 'string' ? 'string' : 'json';
}

/** Text shown in a field for a value: JSON for objects, arrays and enum options, as is otherwise. */
function fieldText(kind: FieldKind, value: unknown): string {
  if (value === undefined) return '';
  if (kind === 'json' || kind === 'enum') return JSON.stringify(value, null, kind === 'json' ? 2 : undefined);
  return String(value);
}

/** The field's text as the value the params want, or an error message. */
function parseField(field: ParamField, text: string): { value?: unknown; error?: string } {
  if (text === '' && field.kind !== 'string') return {};
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const value = Number(text);
      return Number.isFinite(value) ? { value } : { error: `${field.name} must be a number` };
    }
    case 'boolean':
      return { value: text === 'true' };
    case 'string':
      return { value: text };
    default:
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: `${field.name} is not valid JSON` };
      }
  }
}

/** Trigger a run: a form made from the DAG's params (or the conf as raw JSON) and an optional logical date. */
@Component({
  selector: 'ud-trigger-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> / trigger
    </nav>
    <h1>
      Trigger <span class="mono">{{ dagId() }}</span>
    </h1>
    @if (dag().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (dag().dag) {
      <form class="card form" novalidate (submit)="$event.preventDefault(); submit()" data-testid="trigger-form">
        <div class="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            class="btn"
            [class.on]="mode() === 'form'"
            [attr.aria-selected]="mode() === 'form'"
            (click)="showForm()"
            data-testid="trigger-mode-form"
          >
            Params
          </button>
          <button
            type="button"
            role="tab"
            class="btn"
            [class.on]="mode() === 'json'"
            [attr.aria-selected]="mode() === 'json'"
            (click)="showJson()"
            data-testid="trigger-mode-json"
          >
            Raw JSON conf
          </button>
        </div>
        @if (mode() === 'form') {
          @for (f of fields(); track f.name) {
            <div class="field" role="group" [attr.aria-label]="f.name" [attr.data-param]="f.name">
              <span
                ><span class="mono">{{ f.name }}</span
                >&nbsp;<span class="muted"
                  >{{ f.spec.type ?? 'any' }}{{ f.spec.default === undefined ? ', required' : '' }}</span
                ></span
              >
              @switch (f.kind) {
                @case ('enum') {
                  <select
                    [value]="texts()[f.name]"
                    (change)="edit(f.name, $any($event.target).value)"
                    [attr.aria-label]="f.name"
                    [attr.data-testid]="'param-' + f.name"
                  >
                    @for (option of f.spec.enum; track $index) {
                      <option [value]="json(option)" [selected]="json(option) === texts()[f.name]">{{ option }}</option>
                    }
                  </select>
                }
                @case ('boolean') {
                  <input
                    type="checkbox"
                    [checked]="texts()[f.name] === 'true'"
                    (change)="edit(f.name, String($any($event.target).checked))"
                    [attr.aria-label]="f.name"
                    [attr.data-testid]="'param-' + f.name"
                  />
                }
                @case ('json') {
                  <textarea
                    rows="4"
                    class="mono"
                    [value]="texts()[f.name]"
                    (input)="edit(f.name, $any($event.target).value)"
                    [attr.aria-label]="f.name"
                    [attr.data-testid]="'param-' + f.name"
                  ></textarea>
                }
                @default {
                  <input
                    [type]="f.kind === 'string' ? 'text' : 'number'"
                    step="any"
                    [value]="texts()[f.name]"
                    (input)="edit(f.name, $any($event.target).value)"
                    [attr.aria-label]="f.name"
                    [attr.data-testid]="'param-' + f.name"
                  />
                }
              }
              @if (f.spec.description) {
                <small class="muted">{{ f.spec.description }}</small>
              }
              @for (problem of problems()['conf.' + f.name] ?? []; track problem) {
                <small class="error" data-testid="param-error" [attr.data-param]="f.name">{{ problem }}</small>
              }
            </div>
          } @empty {
            <p class="muted">This DAG declares no params; add conf as raw JSON if it reads any.</p>
          }
        } @else {
          <label class="field">
            <span>conf (a JSON object)</span>
            <textarea
              rows="10"
              class="mono"
              [value]="jsonText()"
              (input)="jsonText.set($any($event.target).value)"
              data-testid="trigger-json"
            ></textarea>
          </label>
        }
        <label class="field">
          <span>Logical date (UTC; empty: now)</span>
          <input
            type="datetime-local"
            step="1"
            [value]="logicalDate()"
            (input)="logicalDate.set($any($event.target).value)"
            data-testid="trigger-logical-date"
          />
        </label>
        @if (error(); as message) {
          <p class="error" role="alert" data-testid="trigger-error">{{ message }}</p>
        }
        <div>
          <button class="btn btn--primary" type="submit" [disabled]="busy()" data-testid="trigger-submit">
            {{ busy() ? 'Triggering…' : 'Trigger' }}
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    .form {
      display: grid;
      gap: 1rem;
      max-width: 40rem;
    }
    .tabs {
      display: flex;
      gap: 0.5rem;
    }
    .tabs .on {
      background: var(--accent);
      color: #fff;
      border-color: var(--accent);
    }
    textarea,
    select {
      font: inherit;
      padding: 0.4rem 0.5rem;
      border: 1px solid #c4c4c4;
      border-radius: 4px;
    }
    .field input[type='checkbox'] {
      justify-self: start;
    }
  `,
})
export class TriggerPage {
  readonly dagId = input.required<string>();

  private readonly api = inject(ApiService);
  private readonly runs = inject(RunApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly String = String;

  protected readonly mode = signal<'form' | 'json'>('form');
  protected readonly texts = signal<Record<string, string>>({});
  protected readonly jsonText = signal('{}');
  protected readonly logicalDate = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly problems = signal<Partial<Record<string, string[]>>>({});

  protected readonly dag = toSignal(
    combineLatest([toObservable(this.dagId)]).pipe(
      switchMap(([dagId]) =>
        this.api.getDag(this.session.tenant()?.slug ?? '', dagId).pipe(
          map((dag) => {
            this.texts.set(
              Object.fromEntries(
                Object.entries(dag.params as Record<string, ParamSpec>).map(([name, spec]) => [
                  name,
                  fieldText(kindOf(spec), spec.default),
                ]),
              ),
            );
            return { dag: dag as DagDetail | null, error: null as string | null };
          }),
          catchError((error: unknown) => of({ dag: null, error: apiErrorMessage(error) })),
        ),
      ),
    ),
    { initialValue: { dag: null, error: null } },
  );

  protected readonly fields = computed<ParamField[]>(() =>
    Object.entries((this.dag().dag?.params ?? {}) as Record<string, ParamSpec>).map(([name, spec]) => ({
      name,
      spec,
      kind: kindOf(spec),
    })),
  );

  protected json(value: unknown): string {
    return JSON.stringify(value);
  }

  protected edit(name: string, text: string): void {
    this.texts.update((texts) => ({ ...texts, [name]: text }));
  }

  protected showJson(): void {
    const conf = this.formConf();
    if (conf) this.jsonText.set(JSON.stringify(conf, null, 2));
    this.mode.set('json');
  }

  protected showForm(): void {
    const conf = this.rawConf();
    if (!conf) return;
    this.texts.update((texts) => ({
      ...texts,
      ...Object.fromEntries(
        this.fields()
          .filter((f) => f.name in conf)
          .map((f) => [f.name, fieldText(f.kind, conf[f.name])]),
      ),
    }));
    this.mode.set('form');
  }

  protected submit(): void {
    const conf = this.mode() === 'form' ? this.formConf() : this.rawConf();
    if (!conf) return;
    const tenant = this.session.tenant()?.slug ?? '';
    const logicalDate = this.logicalDate() ? new Date(`${this.logicalDate()}Z`).toISOString() : undefined;
    this.busy.set(true);
    this.error.set(null);
    this.problems.set({});
    this.runs.trigger(tenant, this.dagId(), conf, logicalDate).subscribe({
      next: (run) => void this.router.navigate(['/dags', this.dagId(), 'runs', run.runId]),
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(apiErrorMessage(error));
        const details = error instanceof HttpErrorResponse ? (error.error as ApiErrorBody | null)?.details : undefined;
        if (Array.isArray(details)) {
          this.problems.set(
            Object.fromEntries(
              (details as { field?: string; problems?: string[] }[])
                .filter((d) => d.field)
                .map((d) => [d.field as string, d.problems ?? []]),
            ),
          );
        }
      },
    });
  }

  /** The form's values as conf, or null (with the reason shown) when a field cannot be read. */
  private formConf(): Record<string, unknown> | null {
    const conf: Record<string, unknown> = {};
    const problems: Record<string, string[]> = {};
    for (const field of this.fields()) {
      const parsed = parseField(field, this.texts()[field.name] ?? '');
      if (parsed.error) problems[`conf.${field.name}`] = [parsed.error];
      else if (parsed.value !== undefined) conf[field.name] = parsed.value;
    }
    this.problems.set(problems);
    return Object.keys(problems).length ? null : conf;
  }

  private rawConf(): Record<string, unknown> | null {
    try {
      const conf = JSON.parse(this.jsonText()) as unknown;
      if (typeof conf !== 'object' || conf === null || Array.isArray(conf)) throw new Error();
      this.error.set(null);
      return conf as Record<string, unknown>;
    } catch {
      this.error.set('conf must be a JSON object, e.g. {"region": "eu"}');
      return null;
    }
  }
}
