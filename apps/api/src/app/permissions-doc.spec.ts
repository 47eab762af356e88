import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { renderPermissionsDoc } from './permissions-doc';
import { routeRules } from './route-rules';

describe('docs/permissions.md', () => {
  it('is what the code says (regenerate with `node tools/docs/permissions.mjs`)', () => {
    const committed = readFileSync(join(__dirname, '../../../../docs/permissions.md'), 'utf8');
    expect(committed).toBe(renderPermissionsDoc(routeRules(AppModule)));
  });

  it('names every role, scope and tenant route', () => {
    const doc = renderPermissionsDoc(routeRules(AppModule));
    for (const text of ['`member`', '`bundles:deploy`', '`/tenants/:tenant/variables/:key`', '`variables:edit`'])
      expect(doc).toContain(text);
  });
});
