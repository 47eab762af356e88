import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

const DOCUMENT_ID = 'updraft-openapi';

/**
 * The schemas as JSON Schema for Ajv: objects allow no field beyond those declared (so that a field missing from the
 * document fails too), a nullable enum admits null, and OpenAPI 3.0's `nullable` on a reference (`allOf: [$ref]`, which Ajv would hold to the referenced type) also admits null.
 */
function forAjv<T>(schemas: T): T {
  return JSON.parse(JSON.stringify(schemas), (_, value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    if (value.type === 'object' && value.properties && value.additionalProperties === undefined)
      return { ...value, additionalProperties: false };
    // OpenAPI 3.0: a nullable enum admits null without listing it; Ajv wants it listed.
    if (value.nullable === true && Array.isArray(value.enum) && !value.enum.includes(null))
      return { ...value, enum: [...value.enum, null] };
    if (value.nullable === true && (value.type === undefined || value.allOf)) {
      const rest = { ...value };
      delete rest.nullable;
      return { anyOf: [{ type: 'null' }, rest] };
    }
    return value;
  });
}

/**
 * Checks answers of the api against the committed OpenAPI document (libs/api-client/openapi.json):
 * the operation must exist, the status must be declared, and a JSON body must validate against its schema.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: {
    method: string;
    pattern: RegExp;
    template: string;
    params: number;
    operation: Operation;
  }[];
  private readonly validators = new Map<object, ValidateFunction>();

  constructor(
    readonly document: Document = JSON.parse(
      readFileSync(join(workspaceRoot(), 'libs', 'api-client', 'openapi.json'), 'utf8'),
    ),
  ) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: forAjv(document.components) }, DOCUMENT_ID);
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          params: (template.match(/\{/g) ?? []).length,
          pattern: new RegExp(`^${template.replace(/[.+]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
          operation,
        })),
      )
      // A literal segment wins over a parameter: `/auth/verifyEmail/resend` before any `{param}` match.
      .sort((a, b) => a.params - b.params);
  }

  /** The operation the document declares for this request, if any. */
  operationFor(method: string, pathname: string): { template: string; operation: Operation } | undefined {
    return this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(pathname));
  }

  /** What is wrong with this answer according to the document: nothing when it conforms. */
  problems(method: string, pathname: string, status: number, contentType: string | null, body: unknown): string[] {
    const found = this.operationFor(method, pathname);
    const where = `${method.toUpperCase()} ${pathname} → ${status}`;
    if (!found) {
      // An unknown route is Nest's 404, in the common error shape.
      return status === 404
        ? this.check(where, { $ref: '#/components/schemas/ApiErrorBody' }, body)
        : [`${where}: no operation in the OpenAPI document`];
    }
    const response = found.operation.responses[String(status)] ?? found.operation.responses['default'];
    if (!response) return [`${where}: status ${status} is not declared for ${found.operation.operationId}`];
    const schema = response.content?.['application/json']?.schema;
    if (!contentType?.includes('application/json')) return [];
    if (!schema)
      return [`${where}: answered JSON where ${found.operation.operationId} declares no JSON body for ${status}`];
    return this.check(`${where} (${found.operation.operationId})`, schema, body);
  }

  private check(where: string, schema: object, body: unknown): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(
        JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOCUMENT_ID}#/components/`)),
      );
      this.validators.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }
}
