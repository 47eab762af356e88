/** What the structural diff of two DAG versions needs to know of a DAG: its options and its tasks. */
export interface DiffableTask {
  readonly taskId: string;
  readonly upstream: readonly string[];
  readonly [option: string]: unknown;
}
export interface DiffableDag {
  readonly tasks: readonly DiffableTask[];
  readonly [option: string]: unknown;
}

export interface OptionChange {
  option: string;
  from: unknown;
  to: unknown;
}

export interface TaskChange {
  taskId: string;
  changed: OptionChange[];
}

export interface DagStructureDiff {
  addedTasks: string[];
  removedTasks: string[];
  changedTasks: TaskChange[];
  addedEdges: [string, string][];
  removedEdges: [string, string][];
  changedOptions: OptionChange[];
}

/** Where a thing was declared moves with every edit above it: not a change of the DAG. */
const IGNORED_OPTIONS = new Set(['tasks', 'source', 'upstream']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/** Changed options by name; nested objects (a task's `config`, the DAG's `params`) are compared key by key, as `config.command`. */
function optionChanges(
  from: Readonly<Record<string, unknown>>,
  to: Readonly<Record<string, unknown>>,
  prefix = '',
): OptionChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])]
    .filter((k) => prefix || !IGNORED_OPTIONS.has(k))
    .sort();
  return keys.flatMap((key) => {
    const [a, b] = [from[key], to[key]];
    if (sameValue(a, b)) return [];
    if (!prefix && isPlainObject(a) && isPlainObject(b)) return optionChanges(a, b, `${key}.`);
    return [{ option: `${prefix}${key}`, from: a, to: b }];
  });
}

function edges(dag: DiffableDag): Map<string, [string, string]> {
  return new Map(
    dag.tasks.flatMap((t) =>
      t.upstream.map((up): [string, [string, string]] => [`${up}\u0000${t.taskId}`, [up, t.taskId]]),
    ),
  );
}

/** Tasks added, removed and changed (option by option), edges added and removed, and DAG options changed between two versions. */
export function diffDagStructures(from: DiffableDag, to: DiffableDag): DagStructureDiff {
  const before = new Map(from.tasks.map((t) => [t.taskId, t]));
  const after = new Map(to.tasks.map((t) => [t.taskId, t]));
  const [edgesBefore, edgesAfter] = [edges(from), edges(to)];
  return {
    addedTasks: [...after.keys()].filter((id) => !before.has(id)).sort(),
    removedTasks: [...before.keys()].filter((id) => !after.has(id)).sort(),
    changedTasks: [...after.values()]
      .flatMap((task) => {
        const old = before.get(task.taskId);
        const changed = old ? optionChanges(old, task) : [];
        return changed.length ? [{ taskId: task.taskId, changed }] : [];
      })
      .sort((a, b) => a.taskId.localeCompare(b.taskId)),
    addedEdges: [...edgesAfter]
      .filter(([key]) => !edgesBefore.has(key))
      .map(([, edge]) => edge)
      .sort(compareEdges),
    removedEdges: [...edgesBefore]
      .filter(([key]) => !edgesAfter.has(key))
      .map(([, edge]) => edge)
      .sort(compareEdges),
    changedOptions: optionChanges(from, to),
  };
}

function compareEdges(a: [string, string], b: [string, string]): number {
  return a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]);
}

export type LineChange = {
  kind: 'same' | 'added' | 'removed';
  text: string;
  oldLine: number | null;
  newLine: number | null;
};

/**
 * A line diff of two texts (longest common subsequence after trimming the common head and tail),
 * for showing two versions of a DAG's source side by side. Quadratic in the changed middle only.
 */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const width = midB.length + 1;
  const lcs = new Uint32Array((midA.length + 1) * width);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        midA[i] === midB[j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const out: LineChange[] = [];
  const same = (i: number, j: number) => out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: j + 1 });
  for (let k = 0; k < head; k++) same(k, k);
  let [i, j] = [0, 0];
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      same(head + i++, head + j++);
    } else if (i < midA.length && (j === midB.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
      out.push({ kind: 'removed', text: midA[i], oldLine: head + i++ + 1, newLine: null });
    } else {
      out.push({ kind: 'added', text: midB[j], oldLine: null, newLine: head + j++ + 1 });
    }
  }
  for (let k = 0; k < tail; k++) same(a.length - tail + k, b.length - tail + k);
  return out;
}
