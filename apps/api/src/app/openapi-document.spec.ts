import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { NestFactory } from '@nestjs/core';
import { API_PREFIX, buildOpenApiDocument, operationIdOf } from './openapi-document';
import { controllersOf, RouteRule, routeRules } from './route-rules';

type Class = abstract new (...args: never[]) => unknown;
type Parameter = { name: string; in: string };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

const document: Document = JSON.parse(
  readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8'),
);
const routes = routeRules(AppModule).filter((route) => !route.undocumented);
const templateOf = (route: RouteRule) => `/${API_PREFIX}${route.path.replace(/:(\w+)/g, '{$1}')}`;

/** What the handler reads: `@Body()`/`@Query()` DTO classes and single `@Query('name')` values (from Nest's own metadata). */
function inputsOf(route: RouteRule): { body?: Class; query: string[] } {
  const controller = controllersOf(AppModule).find((c) => c.name === route.controller) as Class;
  const args: Record<string, { index: number; data?: string }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, route.handler) ?? {};
  const types: Class[] = Reflect.getMetadata('design:paramtypes', controller.prototype, route.handler) ?? [];
  const fields = (dto: Class) => [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
  const inputs: { body?: Class; query: string[] } = { query: [] };
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    if (kind === RouteParamtypes.BODY) inputs.body = types[arg.index];
    if (kind === RouteParamtypes.QUERY) inputs.query.push(...(arg.data ? [arg.data] : fields(types[arg.index])));
  }
  return inputs;
}

describe('the committed OpenAPI document (libs/api-client/openapi.json)', () => {
  it('is what the app generates (else run `npx nx run api-client:generate`)', async () => {
    const app = await NestFactory.create(AppModule, { preview: true, logger: false });
    app.setGlobalPrefix(API_PREFIX);
    expect(JSON.parse(JSON.stringify(buildOpenApiDocument(app)))).toEqual(document);
  }, 60_000);

  it('has every route of the app, under its operation id, and no other', () => {
    const inDocument = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    const inApp = routes.map((r) => `${r.method} ${templateOf(r)} ${operationIdOf(r.controller, r.handler)}`);
    expect(inDocument.sort()).toEqual(inApp.sort());
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    'declares every parameter and body field %s reads',
    (_, route) => {
      const operation = document.paths[templateOf(route)][route.method.toLowerCase()];
      const declared = (where: string) =>
        (operation.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => p.name)
          .sort();
      expect(declared('path')).toEqual([...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort());
      const inputs = inputsOf(route);
      expect(declared('query')).toEqual([...new Set(inputs.query)].sort());
      if (inputs.body) {
        const ref = operation.requestBody?.content['application/json']?.schema.$ref ?? '';
        const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
        const fields = getMetadataStorage()
          .getTargetValidationMetadatas(inputs.body, '', true, false)
          .map((m) => m.propertyName);
        expect(Object.keys(schema?.properties ?? {}).sort()).toEqual([...new Set(fields)].sort());
      }
    },
  );
});
