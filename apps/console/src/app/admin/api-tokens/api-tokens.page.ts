import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ApiToken, CreatedApiToken } from '@updraft/api-types';
import { TOKEN_SCOPES, TokenScope } from '@updraft/domain/permissions';
import { CopyButtonComponent } from '../../shared/copy-button.component';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { AdminApiService } from '../admin-api.service';

/** Machine tokens (CI deploys): made with scopes and an expiry, shown once, listed with their last use, revoked. */
@Component({
  selector: 'ud-api-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent, CopyButtonComponent],
  template: `
    <h1>API tokens</h1>
    <p class="muted">A token acts for you, within its scopes and never beyond your role.</p>
    <ud-page-messages [state]="state" />

    @if (created(); as token) {
      <div class="card once" role="region" aria-label="New token" data-testid="token-once">
        <p><strong>Copy this token now.</strong> It is shown only once.</p>
        <code class="mono secret-value" data-testid="token-value">{{ token.token }}</code>
        <ud-copy-button [text]="token.token" label="Copy token" />
        <button class="btn" type="button" (click)="created.set(null)">Done</button>
      </div>
    }

    <form class="card form-row" (ngSubmit)="create()" data-testid="token-form">
      <label class="field"
        ><span>Name</span><input name="name" required [(ngModel)]="name" data-testid="token-name"
      /></label>
      <fieldset class="field scopes">
        <legend>Scopes</legend>
        @for (scope of scopes; track scope) {
          <label class="check"
            ><input
              type="checkbox"
              [name]="'scope-' + scope"
              [ngModel]="chosen().has(scope)"
              (ngModelChange)="toggle(scope)"
            />
            {{ scope }}</label
          >
        }
      </fieldset>
      <label class="field"
        ><span>Expires in (days)</span><input name="days" type="number" min="1" max="365" [(ngModel)]="days"
      /></label>
      <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !name || chosen().size === 0">
        Create token
      </button>
    </form>

    <div class="table-wrap" tabindex="0" role="region" aria-label="API tokens">
      <table class="table" data-testid="tokens-table">
        <caption class="visually-hidden">
          API tokens
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Scopes</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          @for (token of tokens(); track token.id) {
            <tr>
              <td>{{ token.name }}</td>
              <td class="mono small">{{ token.hint }}</td>
              <td class="small">{{ token.scopes.join(', ') }}</td>
              <td class="small">{{ token.lastUsedAt ? token.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never' }}</td>
              <td class="small">{{ token.expiresAt ? token.expiresAt.slice(0, 10) : 'never' }}</td>
              <td>
                <button
                  class="btn btn--danger"
                  type="button"
                  (click)="revoke(token)"
                  [attr.aria-label]="'Revoke ' + token.name"
                >
                  Revoke
                </button>
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="6" class="muted">No tokens.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class ApiTokensPage implements OnInit {
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly tokens = signal<ApiToken[]>([]);
  protected readonly created = signal<CreatedApiToken | null>(null);
  protected readonly chosen = signal<ReadonlySet<TokenScope>>(new Set<TokenScope>(['read']));
  protected readonly scopes = TOKEN_SCOPES;
  protected name = '';
  protected days = 90;

  ngOnInit(): void {
    this.load();
  }

  protected toggle(scope: TokenScope): void {
    const next = new Set(this.chosen());
    if (!next.delete(scope)) next.add(scope);
    this.chosen.set(next);
  }

  protected create(): void {
    this.state.run(
      this.api.post(
        '/apiTokens',
        {},
        {
          name: this.name.trim(),
          scopes: [...this.chosen()],
          expiresInDays: Number(this.days),
        },
      ),
      (token) => {
        this.created.set(token);
        this.name = '';
        this.load();
      },
    );
  }

  protected revoke(token: ApiToken): void {
    if (!confirm(`Revoke ${token.name}? Anything using it stops working.`)) return;
    this.state.run(this.api.delete('/apiTokens/{id}', { id: token.id }), () => this.load(), `${token.name} revoked.`);
  }

  private load(): void {
    this.state.load(this.api.get('/apiTokens', {}), (page) => this.tokens.set(page.items));
  }
}
