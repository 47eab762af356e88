import { AppModule } from './app.module';
import { routeRules } from './route-rules';

const routes = () =>
  routeRules(AppModule).map((r) => ({ route: `${r.controller}.${r.handler} ${r.method} ${r.path}`, rule: r.rule }));

describe('access rules', () => {
  it('finds the routes, including those of imported feature modules', () => {
    const found = routes().map((r) => r.route);
    expect(found.length).toBeGreaterThan(20);
    expect(found).toContain('VariablesController.list GET /tenants/:tenant/variables');
  });

  it('every route declares who may call it', () => {
    expect(
      routes()
        .filter((r) => !r.rule)
        .map((r) => r.route),
    ).toEqual([]);
  });

  it('every route under a tenant checks a tenant permission', () => {
    const loose = routes().filter((r) => r.route.includes(':tenant') && r.rule?.kind !== 'tenant');
    expect(loose.map((r) => r.route)).toEqual([]);
  });
});
