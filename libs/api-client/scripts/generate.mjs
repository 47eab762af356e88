// Writes libs/api-client/openapi.json from the built api (no database needed) and the client's types from it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchema } from './render-schema.mjs';

const lib = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(lib, '..', '..');
const documentFile = join(lib, 'openapi.json');
execFileSync(process.execPath, [join(root, 'dist', 'apps', 'api', 'main.js'), 'openapi', documentFile], {
  stdio: 'inherit',
});
writeFileSync(join(lib, 'src', 'lib', 'schema.ts'), await renderSchema(JSON.parse(readFileSync(documentFile, 'utf8'))));
console.log('wrote libs/api-client/openapi.json and libs/api-client/src/lib/schema.ts');
