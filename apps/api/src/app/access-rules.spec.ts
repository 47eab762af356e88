import { PATH_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY, AccessRule } from '@updraft/auth';
import { AppModule } from './app.module';

type Handler = (...args: unknown[]) => unknown;
type Class = new (...args: never[]) => unknown;

/** Every controller the app mounts: its own and those of the modules it imports, however deep. */
function controllersOf(module: unknown, seen = new Set<unknown>()): Class[] {
  const type = (module as { module?: Class })?.module ?? module;
  if (!type || seen.has(module)) return [];
  seen.add(module);
  const dynamic = module as { controllers?: Class[]; imports?: unknown[] };
  const own: Class[] = [...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []), ...(dynamic.controllers ?? [])];
  const imports: unknown[] = [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []), ...(dynamic.imports ?? [])];
  return [...own, ...imports.flatMap((m) => controllersOf(m, seen))];
}

function routes(): { route: string; rule: AccessRule | undefined }[] {
  return controllersOf(AppModule).flatMap((controller) => {
    const prototype = controller.prototype as Record<string, Handler>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name]) !== undefined)
      .map((name) => ({
        route: `${controller.name}.${name} ${Reflect.getMetadata(PATH_METADATA, controller)}/${Reflect.getMetadata(PATH_METADATA, prototype[name])}`,
        rule: Reflect.getMetadata(ACCESS_KEY, prototype[name]) ?? Reflect.getMetadata(ACCESS_KEY, controller),
      }));
  });
}

describe('access rules', () => {
  it('finds the routes, including those of imported feature modules', () => {
    const found = routes().map((r) => r.route);
    expect(found.length).toBeGreaterThan(20);
    expect(found).toContainEqual(expect.stringContaining('VariablesController.list tenants/:tenant/variables'));
  });

  it('every route declares who may call it', () => {
    expect(routes().filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
  });

  it('every route under a tenant checks a tenant permission', () => {
    const loose = routes().filter((r) => r.route.includes(':tenant') && r.rule?.kind !== 'tenant');
    expect(loose.map((r) => r.route)).toEqual([]);
  });
});
