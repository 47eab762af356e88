import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ADMIN_PAGES } from '../admin/admin.routes';
import { PermissionsService } from '../shared/permissions.service';
import { ThemeService } from '../shared/theme.service';
import { ApiService } from './api.service';
import { SessionService } from './session.service';

/** The signed-in layout: a header with the tenant, its switcher and Log out, above the page. */
@Component({
  selector: 'ud-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <header class="header">
      <a class="header__brand" routerLink="/dags">Updraft</a>
      <a routerLink="/bundles" style="color: #fff" data-testid="nav-bundles">Bundles</a>

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
        <span class="muted">{{ session.user()?.email }}</span>
        <button class="btn" type="button" (click)="theme.toggle()" data-testid="theme-toggle" [attr.aria-pressed]="theme.current() === 'dark'">Dark theme</button>
        <button class="btn" type="button" (click)="logout()" data-testid="logout">Log out</button>
      </div>
    </header>
    <nav class="admin-nav" aria-label="Administration" data-testid="admin-nav">
      <span class="admin-nav__title">Administration</span>
      @for (page of adminPages(); track page.path) {
        <a [routerLink]="'/admin/' + page.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ page.label }}</a>
      }
    </nav>
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
      background: var(--header-bg);
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
    .header { flex-wrap: wrap; }
    .header__user { flex-wrap: wrap; min-width: 0; }
    .header__user .muted { overflow-wrap: anywhere; }
    @media (max-width: 480px) {
      .header { padding: 0.5rem 0.75rem; gap: 0.5rem 1rem; }
      .admin-nav { padding: 0.4rem 0.75rem; }
    }
    .admin-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0.4rem 1.5rem; background: var(--surface); border-bottom: 1px solid var(--border); font-size: 0.9rem; }
    .admin-nav__title { font-weight: 600; color: var(--muted); }
    .admin-nav a.active { font-weight: 600; text-decoration: none; }
    select { padding: 0.25rem 0.4rem; border-radius: 4px; border: 0; font: inherit; }
    .page { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
  `,
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly api = inject(ApiService);
  private readonly permissions = inject(PermissionsService);
  protected readonly theme = inject(ThemeService);
  protected readonly adminPages = computed(() => ADMIN_PAGES.filter((page) => this.permissions.can(page.permission)));

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
