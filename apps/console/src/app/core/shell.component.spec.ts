import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LOGIN_RESPONSE } from './api.fixtures';
import { SessionService } from './session.service';
import { ShellComponent } from './shell.component';

describe('ShellComponent', () => {
  let fixture: ComponentFixture<ShellComponent>;
  let session: SessionService;
  let router: Router;

  const el = (testId: string) => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  function render(): void {
    fixture = TestBed.createComponent(ShellComponent);
    fixture.detectChanges();
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [ShellComponent], providers: [provideRouter([])] });
    session = TestBed.inject(SessionService);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  it('shows the tenant name without a switcher when the user has one tenant', () => {
    session.start({ ...LOGIN_RESPONSE, tenants: [LOGIN_RESPONSE.tenants[0]] });
    render();
    expect(el('tenant-name')?.textContent?.trim()).toBe('Acme Corp');
    expect(el('tenant-switcher')).toBeNull();
  });

  it('switches tenant and returns to the DAG list', () => {
    session.start(LOGIN_RESPONSE);
    render();
    const select = el('tenant-switcher') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent?.trim())).toEqual(['Acme Corp', 'Globex']);

    select.value = 'globex';
    select.dispatchEvent(new Event('change'));

    expect(session.tenant()?.slug).toBe('globex');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/dags');
  });

  it('lists the workflow pages and, under Administration, the admin pages the role may open', () => {
    session.start(LOGIN_RESPONSE);
    render();
    const nav = el('side-nav') as HTMLElement;
    expect(nav.querySelector('[data-testid="nav-DAGs"]')?.getAttribute('href')).toBe('/dags');
    expect(nav.querySelector('[data-testid="nav-Bundles"]')?.getAttribute('href')).toBe('/bundles');
    const admin = nav.querySelector('[data-testid="admin-nav"]') as HTMLElement;
    expect(admin.querySelector('a')?.getAttribute('href')).toBe('/admin/members');
  });

  it('logs out', () => {
    session.start(LOGIN_RESPONSE);
    render();
    el('logout')?.click();
    expect(session.isLoggedIn()).toBe(false);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });
});
