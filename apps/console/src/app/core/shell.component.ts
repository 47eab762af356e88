import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter } from 'rxjs';
import { ADMIN_PAGES } from '../admin/admin.routes';
import { PermissionsService } from '../shared/permissions.service';
import { ThemeService } from '../shared/theme.service';
import { VerifyBannerComponent } from '../account/verify-banner.component';
import { ApiService } from './api.service';
import { NAV_ITEMS } from './nav-items';
import { SessionService } from './session.service';

/** The signed-in layout: a header with the tenant, its switcher and Log out, a side navigation, and the page. */
@Component({
  selector: 'ud-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet, VerifyBannerComponent],
  template: `
    <header class="header">
      <button
        class="header__menu"
        type="button"
        data-testid="nav-toggle"
        [attr.aria-expanded]="navOpen()"
        aria-controls="side-nav"
        (click)="navOpen.set(!navOpen())"
      >
        <span aria-hidden="true">☰</span><span class="visually-hidden">Menu</span>
      </button>
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
        <a class="header__account" routerLink="/account" data-testid="account-link"
          ><span class="header__email">{{ session.user()?.email }}</span
          ><span class="header__account-short">Account</span></a
        >
        <button
          class="btn"
          type="button"
          (click)="theme.toggle()"
          data-testid="theme-toggle"
          [attr.aria-pressed]="theme.current() === 'dark'"
        >
          Dark theme
        </button>
        <button class="btn" type="button" (click)="logout()" data-testid="logout">Log out</button>
      </div>
    </header>
    <ud-verify-banner />
    <div class="layout">
      <nav id="side-nav" class="side-nav" [class.side-nav--open]="navOpen()" aria-label="Main" data-testid="side-nav">
        @for (group of navGroups(); track group.name) {
          <div class="side-nav__group">{{ group.name }}</div>
          @for (item of group.items; track item.link) {
            <a
              class="side-nav__link"
              [routerLink]="item.link"
              routerLinkActive="side-nav__link--active"
              [attr.data-testid]="'nav-' + item.label"
              >{{ item.label }}</a
            >
          }
        }
        @if (adminPages().length) {
          <div class="side-nav__group">Administration</div>
          <div data-testid="admin-nav">
            @for (page of adminPages(); track page.path) {
              <a
                class="side-nav__link"
                [routerLink]="'/admin/' + page.path"
                routerLinkActive="side-nav__link--active"
                ariaCurrentWhenActive="page"
                >{{ page.label }}</a
              >
            }
          </div>
        }
      </nav>
      <main class="page">
        <router-outlet />
      </main>
    </div>
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
    .header__brand {
      color: #fff;
      font-weight: 700;
      font-size: 1.1rem;
      text-decoration: none;
    }
    .header__tenant {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .header__tenant-name {
      font-weight: 600;
    }
    .header__role {
      font-size: 0.75rem;
      padding: 0.05em 0.5em;
      border: 1px solid rgb(255 255 255 / 60%);
      border-radius: 4px;
    }
    .header__user {
      margin-left: auto;
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .header__user .muted {
      color: rgb(255 255 255 / 85%);
    }
    .header .btn {
      background: transparent;
      color: #fff;
      border-color: rgb(255 255 255 / 70%);
    }
    .header .btn:hover {
      background: rgb(255 255 255 / 15%);
    }
    select {
      padding: 0.25rem 0.4rem;
      border-radius: 4px;
      border: 0;
      font: inherit;
    }
    .header__menu {
      display: none;
      background: none;
      border: 0;
      color: #fff;
      font-size: 1.3rem;
      cursor: pointer;
      padding: 0 0.25rem;
    }
    .layout {
      display: flex;
      min-height: calc(100vh - 3rem);
    }
    .side-nav {
      flex: 0 0 12rem;
      background: var(--surface);
      border-right: 1px solid var(--border);
      padding: 0.75rem 0;
    }
    .side-nav__group {
      padding: 0.6rem 1rem 0.2rem;
      font-size: 0.72rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--muted);
    }
    .side-nav__link {
      display: block;
      padding: 0.35rem 1rem;
      color: inherit;
      text-decoration: none;
    }
    .side-nav__link:hover {
      background: var(--surface-hover);
    }
    .side-nav__link--active {
      color: var(--accent);
      font-weight: 600;
      box-shadow: inset 3px 0 0 var(--accent);
    }
    .page {
      flex: 1;
      min-width: 0;
      max-width: 90rem;
      padding: 1.5rem;
    }
    .header__account {
      color: rgb(255 255 255 / 85%);
    }
    .header__account-short {
      display: none;
    }
    @media (max-width: 760px) {
      .header {
        gap: 0.75rem;
        padding: 0.6rem 0.75rem;
        flex-wrap: wrap;
      }
      .header__menu {
        display: block;
      }
      .header__user .muted,
      .header__email {
        display: none;
      }
      .header__account-short {
        display: inline;
      }
      .side-nav {
        display: none;
        position: absolute;
        z-index: 10;
        left: 0;
        right: 0;
        border-bottom: 1px solid var(--border);
      }
      .side-nav--open {
        display: block;
      }
      .page {
        padding: 0.75rem;
      }
    }
  `,
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly api = inject(ApiService);
  private readonly permissions = inject(PermissionsService);
  protected readonly theme = inject(ThemeService);
  protected readonly adminPages = computed(() => ADMIN_PAGES.filter((page) => this.permissions.can(page.permission)));

  protected readonly navOpen = signal(false);
  protected readonly navGroups = computed(() => {
    const items = NAV_ITEMS.filter((item) => !item.permission || this.permissions.can(item.permission));
    return (['Workflows'] as const)
      .map((name) => ({ name, items: items.filter((item) => item.group === name) }))
      .filter((group) => group.items.length > 0);
  });

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.navOpen.set(false));
  }

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
