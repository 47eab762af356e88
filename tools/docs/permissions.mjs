// Writes docs/permissions.md from the code (role tables in libs/domain, routes' access decorators in apps/api).
// Usage: node tools/docs/permissions.mjs   (apps/api's permissions-doc.spec.ts fails when the file is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
process.chdir(root);
require('ts-node').register({ transpileOnly: true, project: join(root, 'apps/api/tsconfig.spec.json') });
const { compilerOptions } = require('typescript').readConfigFile(
  join(root, 'tsconfig.base.json'),
  require('typescript').sys.readFile,
).config;
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
require('reflect-metadata');
// The SQL policy files are imported as their text (webpack's asset/source in the build).
require.extensions['.sql'] = (module, file) => {
  module.exports = { __esModule: true, default: readFileSync(file, 'utf8') };
};

const { AppModule } = require(join(root, 'apps/api/src/app/app.module.ts'));
const { routeRules } = require(join(root, 'apps/api/src/app/route-rules.ts'));
const { renderPermissionsDoc } = require(join(root, 'apps/api/src/app/permissions-doc.ts'));
writeFileSync(join(root, 'docs/permissions.md'), renderPermissionsDoc(routeRules(AppModule)));
console.log('wrote docs/permissions.md');
