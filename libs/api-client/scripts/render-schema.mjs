// The TypeScript types of the OpenAPI document, as openapi-typescript renders them; shared by the
// generator and the test that fails when the committed types are stale (which runs this file:
// `node render-schema.mjs <openapi.json>` prints them).
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HEADER =
  '/* Generated from libs/api-client/openapi.json by `npx nx run api-client:generate`; do not edit by hand. */\n\n';

export async function renderSchema(document) {
  return HEADER + astToString(await openapiTS(document, { alphabetize: false, rootTypes: false }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(await renderSchema(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
}
