import { DiffableDag, diffDagStructures, diffLines } from './dag-diff';

const task = (taskId: string, upstream: string[] = [], extra: Record<string, unknown> = {}) => ({
  taskId,
  upstream,
  operator: 'bash',
  retries: 0,
  config: { command: 'echo hi' },
  source: 'dags/a.ts:3',
  ...extra,
});
const dag = (tasks: ReturnType<typeof task>[], extra: Record<string, unknown> = {}): DiffableDag => ({
  dagId: 'etl',
  schedule: '@daily',
  tags: ['a'],
  params: {},
  source: 'dags/a.ts:1',
  tasks,
  ...extra,
});

describe('diffDagStructures', () => {
  it('finds nothing between a DAG and itself, even when declarations moved lines', () => {
    const before = dag([task('extract'), task('load', ['extract'])]);
    const after = dag([task('extract', [], { source: 'dags/a.ts:9' }), task('load', ['extract'])], {
      source: 'dags/a.ts:4',
    });
    expect(diffDagStructures(before, after)).toEqual({
      addedTasks: [],
      removedTasks: [],
      changedTasks: [],
      addedEdges: [],
      removedEdges: [],
      changedOptions: [],
    });
  });

  it('names tasks added and removed, and the edges that came and went with them', () => {
    const before = dag([task('extract'), task('load', ['extract'])]);
    const after = dag([task('extract'), task('clean', ['extract']), task('load', ['clean'])]);
    const diff = diffDagStructures(before, after);
    expect(diff.addedTasks).toEqual(['clean']);
    expect(diff.removedTasks).toEqual([]);
    expect(diff.addedEdges).toEqual([
      ['clean', 'load'],
      ['extract', 'clean'],
    ]);
    expect(diff.removedEdges).toEqual([['extract', 'load']]);
    expect(diffDagStructures(after, before).removedTasks).toEqual(['clean']);
  });

  it('names each changed option of a task, config keys one by one', () => {
    const before = dag([task('extract', [], { retries: 1, config: { command: 'echo a', env: { X: '1' } } })]);
    const after = dag([task('extract', [], { retries: 3, config: { command: 'echo b', env: { X: '1' } } })]);
    expect(diffDagStructures(before, after).changedTasks).toEqual([
      {
        taskId: 'extract',
        changed: [
          { option: 'config.command', from: 'echo a', to: 'echo b' },
          { option: 'retries', from: 1, to: 3 },
        ],
      },
    ]);
  });

  it('names changed DAG options, but not its task list', () => {
    const diff = diffDagStructures(
      dag([task('a')]),
      dag([task('a'), task('b')], { schedule: '@hourly', tags: ['a', 'b'] }),
    );
    expect(diff.changedOptions).toEqual([
      { option: 'schedule', from: '@daily', to: '@hourly' },
      { option: 'tags', from: ['a'], to: ['a', 'b'] },
    ]);
  });
});

describe('diffLines', () => {
  it('keeps common lines and marks the rest added or removed with their line numbers', () => {
    const changes = diffLines('a\nb\nc\nd', 'a\nc\nx\nd');
    expect(changes.map((c) => `${c.kind[0]}${c.text}`)).toEqual(['sa', 'rb', 'sc', 'ax', 'sd']);
    expect(changes.find((c) => c.text === 'x')).toEqual({ kind: 'added', text: 'x', oldLine: null, newLine: 3 });
    expect(changes.find((c) => c.text === 'b')).toEqual({ kind: 'removed', text: 'b', oldLine: 2, newLine: null });
  });

  it('returns every line unchanged for equal texts', () => {
    expect(diffLines('x\ny', 'x\ny').every((c) => c.kind === 'same')).toBe(true);
  });
});

describe('diffLines on a changed line', () => {
  it('shows the old line removed before the new one added', () => {
    expect(diffLines('a\nold\nz', 'a\nnew\nz').map((c) => `${c.kind[0]}${c.text}`)).toEqual([
      'sa',
      'rold',
      'anew',
      'sz',
    ]);
  });
});
