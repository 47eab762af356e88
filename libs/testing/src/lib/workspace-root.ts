import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root: the nearest folder above this file that holds nx.json. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where a suite's logs and scratch files go: `test-output/<suite>/` under the workspace root. */
export function testOutputDir(suite: string): string {
  return join(workspaceRoot(), 'test-output', suite);
}
