import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY, AccessRule } from '@updraft/auth';
import { AppModule } from './app.module';

type Handler = (...args: unknown[]) => unknown;

function routes(): { route: string; rule: AccessRule | undefined }[] {
  const controllers: (new (...args: never[]) => unknown)[] = Reflect.getMetadata('controllers', AppModule);
  return controllers.flatMap((controller) => {
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
  it('finds the routes', () => expect(routes().length).toBeGreaterThan(10));

  it('every route declares who may call it', () => {
    expect(routes().filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
  });

  it('every route under a tenant checks a tenant permission', () => {
    const loose = routes().filter((r) => r.route.includes(':tenant') && r.rule?.kind !== 'tenant');
    expect(loose.map((r) => r.route)).toEqual([]);
  });
});
