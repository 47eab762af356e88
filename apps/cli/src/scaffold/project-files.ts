export const EXAMPLE_DAG_FILE = 'dags/example_dag.ts';
export const EXAMPLE_DAG_ID = 'example_dag';

/** Where the project's package.json finds the SDK and the CLI: tarballs in its vendor/ folder. */
export interface VendoredPackages {
  sdk: string;
  cli: string;
}

/** The files `updraft init` writes, by path inside the new project. */
export function projectFiles(name: string, vendored: VendoredPackages): Record<string, string> {
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
        typecheck: 'tsc -p .',
        test: `updraft dags test ${EXAMPLE_DAG_FILE} ${EXAMPLE_DAG_ID}`,
        deploy: 'updraft deploy',
      },
      devDependencies: {
        '@updraft/cli': `file:${vendored.cli}`,
        '@updraft/sdk': `file:${vendored.sdk}`,
        typescript: '~5.9.3',
      },
    }),
    '.gitignore': ['node_modules/', 'dist/', '*.tar.gz', ''].join('\n'),
    '.github/workflows/updraft.yml': CI_WORKFLOW,
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

/** A CI example: type-check and test every push; deploy from main with an API token (`updraft tokens create`). */
const CI_WORKFLOW = [
  'name: updraft',
  'on: [push, pull_request]',
  'jobs:',
  '  check:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: actions/setup-node@v4',
  '        with:',
  '          node-version: 22',
  '      - run: npm install --no-audit --no-fund',
  '      - run: npm run typecheck',
  '      - run: npm test',
  '      # Needs the repository secrets UPDRAFT_URL, UPDRAFT_TENANT and UPDRAFT_TOKEN (an API token with the deploy scope).',
  "      - if: github.ref == 'refs/heads/main' && github.event_name == 'push'",
  '        run: npx updraft deploy',
  '        env:',
  '          UPDRAFT_URL: ${{ secrets.UPDRAFT_URL }}',
  '          UPDRAFT_TENANT: ${{ secrets.UPDRAFT_TENANT }}',
  '          UPDRAFT_TOKEN: ${{ secrets.UPDRAFT_TOKEN }}',
  '',
].join('\n');
