import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_VERSION } from './version';

it('SDK_VERSION is the version in package.json', () => {
  expect(SDK_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
});
