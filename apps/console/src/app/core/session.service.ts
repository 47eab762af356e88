import { Injectable, computed, signal } from '@angular/core';
import { LoginResponse, TenantMembership, User } from './api.types';

export const STORAGE_KEYS = {
  token: 'updraft.accessToken',
  user: 'updraft.user',
  tenants: 'updraft.tenants',
  tenant: 'updraft.tenant',
} as const;

function readJson<T>(key: string, fallback: T): T {
  const raw = localStorage.getItem(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** The signed-in user, their tenants and the tenant being viewed, persisted in localStorage. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly tokenState = signal<string | null>(localStorage.getItem(STORAGE_KEYS.token));
  private readonly userState = signal<User | null>(readJson<User | null>(STORAGE_KEYS.user, null));
  private readonly tenantsState = signal<TenantMembership[]>(
    readJson<TenantMembership[]>(STORAGE_KEYS.tenants, []),
  );
  private readonly tenantSlugState = signal<string | null>(localStorage.getItem(STORAGE_KEYS.tenant));

  readonly token = this.tokenState.asReadonly();
  readonly user = this.userState.asReadonly();
  readonly tenants = this.tenantsState.asReadonly();
  readonly isLoggedIn = computed(() => this.tokenState() !== null);

  /** The current tenant; falls back to the first membership if the stored slug is stale. */
  readonly tenant = computed<TenantMembership | null>(() => {
    const tenants = this.tenantsState();
    return tenants.find((t) => t.slug === this.tenantSlugState()) ?? tenants[0] ?? null;
  });

  start(login: LoginResponse): void {
    const first = login.tenants[0]?.slug ?? null;
    localStorage.setItem(STORAGE_KEYS.token, login.accessToken);
    localStorage.setItem(STORAGE_KEYS.user, JSON.stringify(login.user));
    localStorage.setItem(STORAGE_KEYS.tenants, JSON.stringify(login.tenants));
    if (first) localStorage.setItem(STORAGE_KEYS.tenant, first);
    else localStorage.removeItem(STORAGE_KEYS.tenant);
    this.tokenState.set(login.accessToken);
    this.userState.set(login.user);
    this.tenantsState.set(login.tenants);
    this.tenantSlugState.set(first);
  }

  selectTenant(slug: string): void {
    if (!this.tenantsState().some((t) => t.slug === slug)) return;
    localStorage.setItem(STORAGE_KEYS.tenant, slug);
    this.tenantSlugState.set(slug);
  }

  end(): void {
    Object.values(STORAGE_KEYS).forEach((key) => localStorage.removeItem(key));
    this.tokenState.set(null);
    this.userState.set(null);
    this.tenantsState.set([]);
    this.tenantSlugState.set(null);
  }
}
