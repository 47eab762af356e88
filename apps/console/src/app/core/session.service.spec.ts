import { TestBed } from '@angular/core/testing';
import { STORAGE_KEYS, SessionService } from './session.service';
import { LOGIN_RESPONSE } from './api.fixtures';

describe('SessionService', () => {
  beforeEach(() => localStorage.clear());

  it('stores the token and tenants, and picks the first tenant', () => {
    const session = TestBed.inject(SessionService);
    session.start(LOGIN_RESPONSE);

    expect(session.isLoggedIn()).toBe(true);
    expect(session.tenant()?.slug).toBe('acme');
    expect(localStorage.getItem(STORAGE_KEYS.token)).toBe('token-1');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.tenants) ?? '[]')).toHaveLength(2);
    expect(localStorage.getItem(STORAGE_KEYS.tenant)).toBe('acme');
  });

  it('restores the session from localStorage after a reload', () => {
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    TestBed.inject(SessionService).selectTenant('globex');
    TestBed.resetTestingModule();

    const restored = TestBed.inject(SessionService);
    expect(restored.token()).toBe('token-1');
    expect(restored.user()?.email).toBe('ada@example.com');
    expect(restored.tenant()?.name).toBe('Globex');
  });

  it('ignores a switch to a tenant the user is not a member of', () => {
    const session = TestBed.inject(SessionService);
    session.start(LOGIN_RESPONSE);
    session.selectTenant('initech');
    expect(session.tenant()?.slug).toBe('acme');
  });

  it('falls back to the first tenant when the stored one is gone', () => {
    localStorage.setItem(STORAGE_KEYS.tenants, JSON.stringify(LOGIN_RESPONSE.tenants));
    localStorage.setItem(STORAGE_KEYS.tenant, 'removed-tenant');
    expect(TestBed.inject(SessionService).tenant()?.slug).toBe('acme');
  });

  it('survives corrupt stored JSON', () => {
    localStorage.setItem(STORAGE_KEYS.tenants, '{not json');
    expect(TestBed.inject(SessionService).tenants()).toEqual([]);
  });

  it('takes a tenant’s new name and keeps it across a reload', () => {
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    TestBed.inject(SessionService).renameTenant('acme', 'Acme Data');
    expect(TestBed.inject(SessionService).tenant()?.name).toBe('Acme Data');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.tenants) ?? '[]')[0].name).toBe('Acme Data');
  });

  it('forgets everything on end()', () => {
    const session = TestBed.inject(SessionService);
    session.start(LOGIN_RESPONSE);
    session.end();

    expect(session.isLoggedIn()).toBe(false);
    expect(session.tenant()).toBeNull();
    Object.values(STORAGE_KEYS).forEach((key) => expect(localStorage.getItem(key)).toBeNull());
  });
});
