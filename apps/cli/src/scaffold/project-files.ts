/** The @updraft/sdk range a new project depends on; a test keeps it in step with libs/sdk. */
export const SDK_VERSION_RANGE = '^0.0.1';
export const EXAMPLE_DAG_FILE = 'dags/example_dag.ts';
export const EXAMPLE_DAG_ID = 'example_dag';

/** The files `updraft init` writes, by path inside the new project. */
export function projectFiles(name: string): Record<string, string> {
  return {
    'updraft.json': json({ name, entries: [EXAMPLE_DAG_FILE] }),
    [EXAMPLE_DAG_FILE]: EXAMPLE_DAG,
    'tsconfig.json': json({
      compilerOptions: {
        target: 'es2022',
        lib: ['es2022'],
        module: 'commonjs',
        strict: true,
        esModuleInterop: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['dags/**/*.ts'],
    }),
    'package.json': json({
      name: packageName(name),
      private: true,
      scripts: {
        test: `updraft dags test ${EXAMPLE_DAG_FILE} ${EXAMPLE_DAG_ID}`,
        typecheck: 'tsc -p .',
        deploy: 'updraft deploy',
      },
      devDependencies: {
        '@updraft/sdk': SDK_VERSION_RANGE,
        typescript: '^5.9.3',
      },
    }),
    '.gitignore': ['node_modules/', 'dist/', '*.tar.gz', ''].join('\n'),
  };
}

/** npm's rules: lower case, no spaces, not starting with a dot or underscore. */
export function packageName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|-+$/g, '') || 'updraft-dags'
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const EXAMPLE_DAG = [
  "import { bash, chain, dag, task } from '@updraft/sdk';",
  '',
  '/** A small DAG to start from; `npm test` runs it on this machine with `updraft dags test`. */',
  'export default dag(',
  `  '${EXAMPLE_DAG_ID}',`,
  '  {',
  "    schedule: '@daily',",
  "    startDate: '2024-01-01',",
  '    catchup: false,',
  "    params: { greeting: { type: 'string', default: 'hello' } },",
  "    defaultArgs: { retries: 1, retryDelay: '1m' },",
  '  },',
  '  () => {',
  '    // A bash task runs in its own scratch folder; its last line of output is its XCom.',
  "    const fetch = bash('fetch', {",
  `      command: 'echo "id,name" > people.csv && echo "1,ada" >> people.csv && echo "2,grace" >> people.csv && wc -l < people.csv',`,
  '    });',
  '',
  '    // A task function gets the run context; what it returns is its XCom.',
  "    const count = task('count', async (ctx) => {",
  "      const lines = Number(await ctx.ti.xcomPull('fetch'));",
  "      ctx.log(`${String(ctx.params['greeting'])} from ${ctx.dagId} on ${ctx.ds}`);",
  '      return { people: lines - 1 };',
  '    });',
  '',
  "    const report = task('report', async (ctx) => {",
  "      const { people } = (await ctx.ti.xcomPull('count')) as { people: number };",
  '      ctx.log(`${people} people counted`);',
  '    });',
  '',
  '    chain(fetch, count, report);',
  '  },',
  ');',
  '',
].join('\n');
