import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_KEY, AccessRule } from '@updraft/auth';

type Class = new (...args: never[]) => unknown;

export interface RouteRule {
  controller: string;
  handler: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
  /** Kept out of the API document (@ApiExcludeController: the probes and the metrics scrape, outside /api/v1). */
  undocumented: boolean;
}

/** Every controller a module mounts: its own and those of the modules it imports, however deep. */
export function controllersOf(module: unknown, seen = new Set<unknown>()): Class[] {
  const type = (module as { module?: Class })?.module ?? module;
  if (!type || seen.has(module)) return [];
  seen.add(module);
  const dynamic = module as { controllers?: Class[]; imports?: unknown[] };
  const own: Class[] = [
    ...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []),
    ...(dynamic.controllers ?? []),
  ];
  const imports: unknown[] = [
    ...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []),
    ...(dynamic.imports ?? []),
  ];
  return [...own, ...imports.flatMap((m) => controllersOf(m, seen))];
}

/** Each route of the module with the access rule it declares (read from Nest's decorator metadata). */
export function routeRules(module: unknown): RouteRule[] {
  return controllersOf(module).flatMap((controller) => {
    const prototype = controller.prototype as Record<string, object>;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name]) !== undefined)
      .map((name) => {
        const own = String(Reflect.getMetadata(PATH_METADATA, prototype[name]) ?? '');
        return {
          controller: controller.name,
          handler: name,
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, prototype[name]) as RequestMethod],
          path: `/${[prefix, own].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          rule: Reflect.getMetadata(ACCESS_KEY, prototype[name]) ?? Reflect.getMetadata(ACCESS_KEY, controller),
          undocumented: Boolean(Reflect.getMetadata('swagger/apiExcludeController', controller)?.[0]),
        };
      });
  });
}
