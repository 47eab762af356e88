import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { VerifyBannerComponent } from '../account/verify-banner.component';
import { ApiService } from './api.service';
import { SessionService } from './session.service';

/** The signed-in layout: a header with the tenant, its switcher and Log out, above the page. */
@Component({
  selector: 'ud-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterOutlet, VerifyBannerComponent],
  template: `
    <header class="header">
      <a class="header__brand" routerLink="/dags">Updraft</a>

      <div class="header__tenant">
        @if (session.tenants().length > 1) {
          <label class="visually-hidden" for="tenant-switcher">Tenant</label>
          <select
            id="tenant-switcher"
            data-testid="tenant-switcher"
            [value]="session.tenant()?.slug ?? ''"
            (change)="switchTenant($any($event.target).value)"
          >
            @for (tenant of session.tenants(); track tenant.slug) {
              <option [value]="tenant.slug" [selected]="tenant.slug === session.tenant()?.slug">
                {{ tenant.name }}
              </option>
            }
          </select>
        } @else {
          <span class="header__tenant-name" data-testid="tenant-name">{{ session.tenant()?.name }}</span>
        }
        @if (session.tenant(); as tenant) {
          <span class="header__role">{{ tenant.role }}</span>
        }
      </div>

      <div class="header__user">
        <a class="muted" routerLink="/account" data-testid="account-link">{{ session.user()?.email }}</a>
        <button class="btn" type="button" (click)="logout()" data-testid="logout">Log out</button>
      </div>
    </header>
    <ud-verify-banner />
    <main class="page">
      <router-outlet />
    </main>
  `,
  styles: `
    .header {
      display: flex;
      align-items: center;
      gap: 1.5rem;
      padding: 0.6rem 1.5rem;
      background: #017cee;
      color: #fff;
    }
    .header__brand { color: #fff; font-weight: 700; font-size: 1.1rem; text-decoration: none; }
    .header__tenant { display: flex; align-items: center; gap: 0.5rem; }
    .header__tenant-name { font-weight: 600; }
    .header__role {
      font-size: 0.75rem;
      padding: 0.05em 0.5em;
      border: 1px solid rgb(255 255 255 / 60%);
      border-radius: 4px;
    }
    .header__user { margin-left: auto; display: flex; align-items: center; gap: 0.75rem; }
    .header__user .muted { color: rgb(255 255 255 / 85%); }
    .header .btn { background: transparent; color: #fff; border-color: rgb(255 255 255 / 70%); }
    .header .btn:hover { background: rgb(255 255 255 / 15%); }
    select { padding: 0.25rem 0.4rem; border-radius: 4px; border: 0; font: inherit; }
    .page { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
  `,
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly api = inject(ApiService);

  protected switchTenant(slug: string): void {
    this.session.selectTenant(slug);
    // DAG and run ids belong to one tenant: a detail page would 404 in another.
    void this.router.navigateByUrl('/dags');
  }

  protected logout(): void {
    const refreshToken = this.session.refreshToken();
    // Revokes the session on the server too; the console forgets it either way.
    if (refreshToken) this.api.logout(refreshToken).subscribe({ error: () => undefined });
    this.session.end();
    void this.router.navigateByUrl('/login');
  }
}
