import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const lib = join(__dirname, '..', '..');

describe('the generated client', () => {
  it('has the types of the committed OpenAPI document (else run `npx nx run api-client:generate`)', () => {
    // The generator's own renderer, run by Node (openapi-typescript loads ES modules Jest cannot).
    const rendered = execFileSync(
      process.execPath,
      [join(lib, 'scripts', 'render-schema.mjs'), join(lib, 'openapi.json')],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(readFileSync(join(lib, 'src', 'lib', 'schema.ts'), 'utf8')).toBe(rendered);
  }, 60_000);
});
