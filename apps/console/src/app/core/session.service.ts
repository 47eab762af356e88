import { Injectable, computed, signal } from '@angular/core';
import { LoginResponse, SessionTokens, TenantMembership, User } from './api.types';

export const STORAGE_KEYS = {
  token: 'updraft.accessToken',
  refreshToken: 'updraft.refreshToken',
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
  private readonly refreshTokenState = signal<string | null>(localStorage.getItem(STORAGE_KEYS.refreshToken));
  private readonly userState = signal<User | null>(readJson<User | null>(STORAGE_KEYS.user, null));
  private readonly tenantsState = signal<TenantMembership[]>(readJson<TenantMembership[]>(STORAGE_KEYS.tenants, []));
  private readonly tenantSlugState = signal<string | null>(localStorage.getItem(STORAGE_KEYS.tenant));

  readonly token = this.tokenState.asReadonly();
  readonly refreshToken = this.refreshTokenState.asReadonly();
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
    this.renew(login);
    localStorage.setItem(STORAGE_KEYS.user, JSON.stringify(login.user));
    localStorage.setItem(STORAGE_KEYS.tenants, JSON.stringify(login.tenants));
    if (first) localStorage.setItem(STORAGE_KEYS.tenant, first);
    else localStorage.removeItem(STORAGE_KEYS.tenant);
    this.userState.set(login.user);
    this.tenantsState.set(login.tenants);
    this.tenantSlugState.set(first);
  }

  /** Takes the tokens of a refresh: the access token and the refresh token that replaces the spent one. */
  renew(tokens: SessionTokens): void {
    localStorage.setItem(STORAGE_KEYS.token, tokens.accessToken);
    localStorage.setItem(STORAGE_KEYS.refreshToken, tokens.refreshToken);
    this.tokenState.set(tokens.accessToken);
    this.refreshTokenState.set(tokens.refreshToken);
  }

  selectTenant(slug: string): void {
    if (!this.tenantsState().some((t) => t.slug === slug)) return;
    localStorage.setItem(STORAGE_KEYS.tenant, slug);
    this.tenantSlugState.set(slug);
  }

  /** After the tenant was renamed (tenant settings), so the header shows the new name. */
  renameTenant(slug: string, name: string): void {
    const tenants = this.tenantsState().map((t) => (t.slug === slug ? { ...t, name } : t));
    localStorage.setItem(STORAGE_KEYS.tenants, JSON.stringify(tenants));
    this.tenantsState.set(tenants);
  }

  end(): void {
    Object.values(STORAGE_KEYS).forEach((key) => localStorage.removeItem(key));
    this.tokenState.set(null);
    this.refreshTokenState.set(null);
    this.userState.set(null);
    this.tenantsState.set([]);
    this.tenantSlugState.set(null);
  }
}
