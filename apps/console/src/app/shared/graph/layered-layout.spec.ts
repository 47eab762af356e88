import { GraphInput, LARGE_GRAPH, PlacedNode, layoutGraph } from './graph-layout';
import { orderedLayers } from './layered-layout';

/** The console bench's DAG: 10 groups of 100 tasks, each group a chain of fans of ten, the groups in series. */
function benchGraph(collapsed: string[] = []): GraphInput {
  const tasks: GraphInput['tasks'] = [];
  const edges: GraphInput['edges'] = [];
  const id = (g: number, i: number) => `g${g}.t${String(i).padStart(3, '0')}`;
  for (let g = 0; g < 10; g++)
    for (let i = 0; i < 100; i++) {
      tasks.push({ id: id(g, i), groupId: `g${g}`, operator: 'bash' });
      if (i >= 10) edges.push([id(g, i - 10), id(g, i)]);
      else if (g > 0) edges.push([id(g - 1, 90 + i), id(g, i)]);
    }
  return { tasks, edges, groups: Array.from({ length: 10 }, (_, g) => ({ id: `g${g}`, parentId: null })), collapsed };
}

/** ELK is not expected on a large graph: this stand-in refuses, so using it fails the test. */
const refusingElk = async () => ({ layout: () => Promise.reject(new Error('ELK was asked')) });

const overlaps = (a: PlacedNode, b: PlacedNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: PlacedNode, outer: PlacedNode) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('the layered layout of large graphs', () => {
  it('lays 1,000 tasks in 10 groups out without ELK: no overlaps, tasks inside their group, edges left to right', async () => {
    const input = benchGraph();
    const layout = await layoutGraph(refusingElk, input);
    const tasks = layout.nodes.filter((n) => n.kind === 'task');
    const groups = layout.nodes.filter((n) => n.kind === 'group');
    expect(tasks).toHaveLength(1000);
    expect(groups.map((g) => g.id)).toEqual(Array.from({ length: 10 }, (_, g) => `g${g}`));
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const task of tasks) expect(inside(task, byId.get(task.id.split('.')[0]) as PlacedNode)).toBe(true);
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) expect(overlaps(groups[i], groups[j])).toBe(false);
    // Tasks overlap only if two share a layer and a row: compare within each group's column.
    const sorted = [...tasks].sort((a, b) => a.x - b.x || a.y - b.y);
    for (let i = 1; i < sorted.length; i++) expect(overlaps(sorted[i - 1], sorted[i])).toBe(false);
    expect(layout.edges).toHaveLength(input.edges.length);
    for (const [from, to] of input.edges) {
      const a = byId.get(from) as PlacedNode;
      const b = byId.get(to) as PlacedNode;
      expect(a.x + a.width).toBeLessThan(b.x);
    }
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it('draws a collapsed group as one node, joined once to each task that feeds it', async () => {
    const layout = await layoutGraph(refusingElk, benchGraph(['g9']));
    expect(layout.nodes.filter((n) => n.kind === 'task')).toHaveLength(900);
    const g9 = layout.nodes.find((n) => n.id === 'g9') as PlacedNode;
    expect(g9).toMatchObject({ kind: 'group', collapsed: true, width: 170, height: 36 });
    expect(layout.edges.filter((e) => e.id.endsWith('\u2192g9')).map((e) => e.id)).toHaveLength(10);
  });

  it('leaves graphs up to LARGE_GRAPH visible nodes to ELK', async () => {
    const all = Array.from({ length: 10 }, (_, g) => `g${g}`);
    // g0's 100 tasks and nine collapsed groups.
    await expect(layoutGraph(refusingElk, benchGraph(all.slice(1)))).rejects.toThrow('ELK was asked');
    expect(109).toBeLessThanOrEqual(LARGE_GRAPH);
  });

  it('orders each layer so that a fan stays beside its source', () => {
    // b feeds x, a feeds y: y and x swap to follow their sources, removing the crossing.
    const layers = orderedLayers(
      ['a', 'b', 'x', 'y'],
      [
        ['b', 'x'],
        ['a', 'y'],
      ],
      2,
    );
    expect(layers).toEqual([
      ['a', 'b'],
      ['y', 'x'],
    ]);
  });
});
