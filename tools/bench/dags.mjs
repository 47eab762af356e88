// The bench bundle: updraft.json + dags/*.ts, generated into a temp folder by run.mjs.
// Every DAG has `schedule: null` so the scheduler never adds a scheduled run of its own.

export const CHAIN_LENGTH = 40;
export const CHAIN_CPU_MS = 10;
export const PARALLEL_EMPTY = 1000;
export const PARALLEL_FUNCTION = 200;

const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(4, '0')}`);

export const DAGS = {
  chain: { dagId: 'bench_chain', file: 'dags/chain.ts', taskIds: ids('step', CHAIN_LENGTH) },
  chainEmpty: { dagId: 'bench_chain_empty', file: 'dags/chain-empty.ts', taskIds: ids('step', CHAIN_LENGTH) },
  parallelEmpty: { dagId: 'bench_parallel_empty', file: 'dags/parallel-empty.ts' },
  parallelFunction: { dagId: 'bench_parallel_function', file: 'dags/parallel-function.ts' },
  warmup: { dagId: 'bench_warmup', file: 'dags/warmup.ts' },
};

export function bundleFiles() {
  const files = {
    'updraft.json': JSON.stringify({ name: 'bench', entries: Object.values(DAGS).map((d) => d.file) }, null, 2) + '\n',

    [DAGS.chain.file]: `import { chain, dag, task } from '@updraft/sdk';

/** ~${CHAIN_CPU_MS} ms of CPU: a busy loop (no sleeping), the way a small transform would spend it. */
function burn(ms: number): number {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x = (x * 31 + 7) % 1_000_003;
  return x;
}

export default dag('${DAGS.chain.dagId}', { schedule: null, maxActiveTasks: 64 }, () => {
  const ids = ${JSON.stringify(DAGS.chain.taskIds)};
  chain(...ids.map((id) => task(id, async () => {
    burn(${CHAIN_CPU_MS});
    return null;
  })));
});
`,

    [DAGS.chainEmpty.file]: `import { chain, dag, empty } from '@updraft/sdk';

export default dag('${DAGS.chainEmpty.dagId}', { schedule: null, maxActiveTasks: 64 }, () => {
  const ids = ${JSON.stringify(DAGS.chainEmpty.taskIds)};
  chain(...ids.map((id) => empty(id)));
});
`,

    [DAGS.parallelEmpty.file]: `import { dag, empty } from '@updraft/sdk';

export default dag('${DAGS.parallelEmpty.dagId}', { schedule: null, maxActiveTasks: ${PARALLEL_EMPTY} }, () => {
  for (let i = 1; i <= ${PARALLEL_EMPTY}; i++) empty('noop_' + String(i).padStart(4, '0'));
});
`,

    [DAGS.parallelFunction.file]: `import { dag, task } from '@updraft/sdk';

export default dag('${DAGS.parallelFunction.dagId}', { schedule: null, maxActiveTasks: ${PARALLEL_FUNCTION} }, () => {
  for (let i = 1; i <= ${PARALLEL_FUNCTION}; i++) task('noop_' + String(i).padStart(4, '0'), async () => null);
});
`,

    [DAGS.warmup.file]: `import { dag, task } from '@updraft/sdk';

export default dag('${DAGS.warmup.dagId}', { schedule: null }, () => {
  task('warm', async () => null);
});
`,
  };
  return files;
}
