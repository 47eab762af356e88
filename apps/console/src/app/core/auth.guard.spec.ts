import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LOGIN_RESPONSE } from './api.fixtures';
import { authGuard } from './auth.guard';
import { SessionService } from './session.service';

@Component({ selector: 'ud-stub', template: 'protected page' })
class StubComponent {}

describe('authGuard', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: StubComponent },
          { path: 'dags', component: StubComponent, canActivate: [authGuard] },
        ]),
      ],
    });
  });

  it('redirects to /login when there is no token', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/dags');
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('lets a signed-in user through', async () => {
    TestBed.inject(SessionService).start(LOGIN_RESPONSE);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/dags');
    expect(TestBed.inject(Router).url).toBe('/dags');
  });
});
