import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..', '..', '..');
const documentPaths = Object.keys(
  (JSON.parse(readFileSync(join(root, 'libs', 'api-client', 'openapi.json'), 'utf8')) as { paths: object }).paths,
);

/** The files that may speak HTTP themselves: the console's and the CLI's client plumbing. */
const PLUMBING: Record<string, { httpClient?: boolean; fetch?: boolean; apiBase?: boolean }> = {
  'apps/console/src/app/core/api.service.ts': { httpClient: true, apiBase: true },
  'apps/console/src/app/app.config.ts': { httpClient: true },
  'apps/console/src/app/shared/sse.ts': { fetch: true },
  'apps/cli/src/api-client.ts': { fetch: true },
  // Tenant code's http operator and Slack webhooks, run locally by `updraft dags test`: not the api.
  'apps/cli/src/local-run/local-operators.ts': { fetch: true },
  'apps/cli/src/local-run/local-notify.ts': { fetch: true },
};

/** A path template of the document, or a prefix of one at a segment boundary (a constant the calls extend). */
function isDocumentPath(text: string): boolean {
  return documentPaths.some((path) => path === text || path.startsWith(`${text}/`));
}

/**
 * Where a source file reaches the api other than through the generated client's typed paths: an `/api/…` string
 * that is not a path template of the document, a URL built from values, HttpClient or fetch used directly.
 */
export function handWrittenCalls(file: string, source: string): string[] {
  const allowed = PLUMBING[file] ?? {};
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const text = node.text;
      if (/\/api\//.test(text) && !isDocumentPath(text) && !(allowed.apiBase && text === '/api/v1')) {
        at(node, `'${text}' is not a path of the OpenAPI document`);
      }
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${}');
      if (/\/api\//.test(text)) at(node, `\`${text}\`: an api URL built by hand`);
    } else if (ts.isIdentifier(node) && node.text === 'HttpClient' && !allowed.httpClient) {
      at(node, 'HttpClient used directly (call the api through ApiHttp)');
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'fetch' &&
      !allowed.fetch
    ) {
      at(node, 'fetch used directly (call the api through the client)');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.(spec|int-spec|fixtures)\.ts$/.test(entry.name),
    )
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

describe('the console and the CLI call the api only through the generated client', () => {
  it('finds no api path written by hand, and no HTTP call around the client plumbing', () => {
    const files = [...sources('apps/console/src'), ...sources('apps/cli/src')];
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => handWrittenCalls(file, readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('reports a hand-written path, a URL built from values, HttpClient and fetch outside the plumbing', () => {
    const source = [
      "const a = '/api/v1/tenants/{tenant}/dags';",
      "const b = '/api/v1/tenants/acme/dagz';",
      'const c = `/api/v1/tenants/${tenant}/dags`;',
      'const http = inject(HttpClient);',
      "fetch('/x');",
    ].join('\n');
    expect(handWrittenCalls('apps/console/src/app/x.service.ts', source)).toEqual([
      "apps/console/src/app/x.service.ts:2: '/api/v1/tenants/acme/dagz' is not a path of the OpenAPI document",
      'apps/console/src/app/x.service.ts:3: `/api/v1/tenants/${}/dags`: an api URL built by hand',
      'apps/console/src/app/x.service.ts:4: HttpClient used directly (call the api through ApiHttp)',
      'apps/console/src/app/x.service.ts:5: fetch used directly (call the api through the client)',
    ]);
  });
});
