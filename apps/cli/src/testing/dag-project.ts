import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './stand-in-api';

export interface DagProject {
  readonly path: string;
  /** Writes `content` to `name` (relative to the project, e.g. `dags/etl.ts`) and returns its full path. */
  file(name: string, content: string): string;
}

/** Registers hooks that give each test of the describe block a fresh folder with a `dags/` folder in it. */
export function useDagProject(): DagProject {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
    mkdirSync(join(dir.path, 'dags'));
  });
  afterEach(() => dir.remove());
  return {
    get path() {
      return dir.path;
    },
    file(name, content) {
      const path = join(dir.path, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
