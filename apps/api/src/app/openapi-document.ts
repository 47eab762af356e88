import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiErrorBody } from '@updraft/api-types';
import { AppModule } from './app.module';
import { RouteRule, routeRules } from './route-rules';

export const API_PREFIX = 'api/v1';
export const BEARER = 'bearer';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** `DagRunsController.trigger` is `dagRuns_trigger`: stable while the handler keeps its name. */
export const operationIdOf = (controller: string, handler: string): string =>
  `${lowerFirst(controller.replace(/Controller$/, ''))}_${handler}`;

/** The tag of a controller's operations: `DagRunsController` is `DagRuns`. */
const tagOf = (controller: string): string => controller.replace(/Controller$/, '');

const PATH_PARAMETERS: Record<string, string> = {
  tenant: "The tenant's slug (as in `GET /auth/me`).",
  dagId: 'The DAG id, as the DAG file names it.',
  runId: "The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'.",
  taskId: 'The task id within the DAG.',
  try: 'The try number, from 1.',
};

const EDGES: SchemaObject = {
  type: 'array',
  items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
  description: 'Edges as `[upstream, downstream]`.',
};

/** Fields the swagger plugin cannot express: `unknown` (it would say object; any JSON value) and tuples (it writes an invalid `required`). */
const FIELD_SCHEMAS: Record<string, Record<string, SchemaObject>> = {
  XComEntry: { value: { description: 'The value the task returned (or pushed), any JSON.' } },
  DagStructureDiffView: { addedEdges: EDGES, removedEdges: EDGES },
  OptionChange: {
    from: { description: 'The value before, any JSON (absent: the option was not set).' },
    to: { description: 'The value after, any JSON (absent: the option was removed).' },
  },
  ApiErrorBody: {
    details: {
      type: 'array',
      items: {},
      description: 'Per-field problems (`{ field, problems }`) or other specifics of the error.',
    },
  },
};

/**
 * Timestamps the api answers as ISO 8601 strings: `…At`, `timestamp`, and a run's, try's or grid column's dates.
 * A DAG's own `startDate` (Dag, DagListItem, DagDetail) stays as its file wrote it; request DTOs keep what they accept.
 */
function isTimestamp(schema: string, field: string): boolean {
  if (schema.endsWith('Dto')) return false;
  if (/At$/.test(field) || field === 'timestamp') return true;
  return ['logicalDate', 'startDate', 'endDate'].includes(field) && !/^Dag(ListItem|Detail)?$/.test(schema);
}

function markTimestamps(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [field, property] of Object.entries((schema as SchemaObject).properties ?? {})) {
      const value = property as SchemaObject;
      if (value.type === 'string' && !value.format && !value.enum && isTimestamp(name, field))
        value.format = 'date-time';
    }
  }
}

/** Declared for every route on top of its own responses: the errors any such route may answer with. */
function commonErrors(rule: RouteRule['rule'], operation: OperationObject, path: string): Record<number, string> {
  const hasJsonBody = Boolean(
    (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content?.['application/json'],
  );
  const errors: Record<number, string> = {};
  if (
    hasJsonBody ||
    (operation.parameters ?? []).some((p) => (p as ParameterObject).in !== 'path') ||
    path.includes('{')
  )
    errors[400] = 'The request is invalid: `details` names each bad field.';
  if (rule?.kind !== 'public') errors[401] = 'No valid access token or API token.';
  if (rule?.kind === 'tenant')
    errors[403] = `Not a member of the tenant, or the role (or the API token's scopes) lacks \`${rule.permission}\`.`;
  if (path.includes('{')) errors[404] = 'Not found (or not visible to the caller).';
  if (hasJsonBody) {
    errors[413] = 'The body is larger than the configured limit.';
    errors[415] = 'The body is not `application/json`.';
  }
  errors[500] = 'An unexpected error; the server logs it, the answer says no more.';
  return errors;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } },
});

function describeAccess(rule: RouteRule['rule']): string {
  if (rule?.kind === 'public') return 'Public: no token needed.';
  if (rule?.kind === 'authenticated') return 'Needs a logged-in user (access token).';
  if (rule?.kind === 'tenant')
    return `Needs the permission \`${rule.permission}\` in the tenant${rule.filtersByTeam ? "; lists only the DAGs of the member's teams when the role is a team role" : ''}.`;
  return 'Refused: the route declares no access rule.';
}

/** Adds what the decorators cannot say: the access rule, the common errors, and path parameters read by guards (`{tenant}`). */
function complete(document: OpenAPIObject, routes: RouteRule[]): OpenAPIObject {
  const byId = new Map(routes.map((r) => [operationIdOf(r.controller, r.handler), r]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = byId.get(operation.operationId ?? '');
      const rule = route?.rule;
      if (route) operation.tags = [tagOf(route.controller)];
      const parameters = (operation.parameters ?? []) as (ParameterObject | ReferenceObject)[];
      const declared = new Set(
        parameters.map((p) => (p as ParameterObject).in === 'path' && (p as ParameterObject).name),
      );
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      operation.parameters = [
        ...inPath
          .filter((name) => !declared.has(name))
          .map((name): ParameterObject => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...parameters,
      ].map((p) => {
        const param = p as ParameterObject;
        return param.in === 'path' && PATH_PARAMETERS[param.name] && !param.description
          ? { ...param, description: PATH_PARAMETERS[param.name] }
          : p;
      });
      if (operation.parameters.length === 0) delete operation.parameters;
      for (const param of operation.parameters ?? [])
        if (
          (param as ParameterObject).in === 'query' &&
          ((param as ParameterObject).schema as SchemaObject)?.default !== undefined
        )
          (param as ParameterObject).required = false;
      operation.description = [operation.description, describeAccess(rule)].filter(Boolean).join('\n\n');
      if (rule?.kind === 'public') operation.security = [];
      for (const [status, description] of Object.entries(commonErrors(rule, operation, path)))
        operation.responses[status] ??= errorResponse(description);
    }
  }
  for (const [name, properties] of Object.entries(FIELD_SCHEMAS)) {
    const schema = document.components?.schemas?.[name] as SchemaObject | undefined;
    if (schema?.properties) Object.assign(schema.properties, properties);
  }
  markTimestamps(document.components?.schemas ?? {});
  return document;
}

/** The OpenAPI document of the api, from the controllers, the DTO and response classes (via the swagger plugin) and the access rules. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const routes = routeRules(AppModule).filter((route) => !route.undocumented);
  const builder = new DocumentBuilder()
    .setTitle('Updraft API')
    .setDescription(
      'The REST API of Updraft: accounts, tenants, teams, DAG bundles, DAGs, runs, task instances and their logs, variables, connections, pools, alerts and the audit log.\n\n' +
        'Authenticate with `Authorization: Bearer <token>`: an access token from `POST /api/v1/auth/login`, or an API token (`upd_…`) created in a tenant. ' +
        'Every error is JSON: `{ statusCode, error, message, details? }`.',
    )
    .setVersion('1')
    .setLicense('Proprietary', 'https://updraft.invalid/terms')
    .addServer('/', 'This deployment')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An access token from log-in, or an API token (`upd_…`).' },
      BEARER,
    )
    .addSecurityRequirements(BEARER);
  for (const tag of [...new Set(routes.map((r) => tagOf(r.controller)))].sort())
    builder.addTag(tag, `The ${tag.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} routes.`);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    extraModels: [ApiErrorBody],
  });
  return sortEnums(complete(document, routes));
}

/** The plugin lists a union's members in the order the compiler met them, which differs between builds: sort them, so the document is stable. */
function sortEnums<T>(document: T): T {
  return JSON.parse(JSON.stringify(document), (key, value) =>
    key === 'enum' && Array.isArray(value) ? [...value].sort() : value,
  );
}
