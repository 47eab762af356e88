import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { LayoutItem, layeredLayout } from './layered-layout';

export interface GraphInput {
  tasks: { id: string; groupId: string | null; operator: string }[];
  groups: { id: string; parentId: string | null }[];
  /** [upstream, downstream] task ids. */
  edges: [string, string][];
  /** Groups drawn as one box, their tasks and inner edges hidden. */
  collapsed: string[];
}

export interface PlacedNode {
  id: string;
  kind: 'task' | 'group';
  label: string;
  operator: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  collapsed: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: { id: string; points: { x: number; y: number }[] }[];
}

export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const TASK_SIZE = { width: 170, height: 36 };
const GROUP_HEADER = 26;

/** What stands for a task on the drawing: itself, or its outermost collapsed group. */
function visibleOwner(
  taskGroup: string | null,
  parents: Map<string, string | null>,
  collapsed: Set<string>,
): string | null {
  const chain: string[] = [];
  for (let g = taskGroup; g; g = parents.get(g) ?? null) chain.unshift(g);
  return chain.find((g) => collapsed.has(g)) ?? null;
}

/** Visible nodes (tasks and collapsed groups) above which ELK's layered layout takes seconds. */
export const LARGE_GRAPH = 300;

/** What is drawn: the tree of visible tasks and groups, and the edges between visible nodes (deduplicated). */
export function visibleGraph(input: GraphInput): { roots: LayoutItem[]; edges: [string, string][]; count: number } {
  const parents = new Map(input.groups.map((g) => [g.id, g.parentId]));
  const collapsed = new Set(input.collapsed.filter((g) => parents.has(g)));
  const standIn = new Map<string, string>();
  for (const task of input.tasks)
    standIn.set(
      task.id,
      visibleOwner(task.groupId && parents.has(task.groupId) ? task.groupId : null, parents, collapsed) ?? task.id,
    );
  const roots: LayoutItem[] = [];
  const groups = new Map<string, LayoutItem>();
  let count = 0;
  const groupItem = (id: string): LayoutItem => {
    let item = groups.get(id);
    if (item) return item;
    const isCollapsed = collapsed.has(id);
    item = {
      id,
      kind: 'group',
      label: id,
      operator: null,
      collapsed: isCollapsed,
      ...(isCollapsed ? TASK_SIZE : { width: 0, height: 0, children: [] }),
    };
    if (isCollapsed) count++;
    groups.set(id, item);
    const parent = parents.get(id) ?? null;
    (parent ? (groupItem(parent).children as LayoutItem[]) : roots).push(item);
    return item;
  };
  for (const task of input.tasks) {
    const owner = standIn.get(task.id) as string;
    if (owner !== task.id) {
      groupItem(owner);
      continue;
    }
    count++;
    const item: LayoutItem = {
      id: task.id,
      kind: 'task',
      label: task.id,
      operator: task.operator,
      collapsed: false,
      ...TASK_SIZE,
    };
    const group = task.groupId && parents.has(task.groupId) ? task.groupId : null;
    (group ? (groupItem(group).children as LayoutItem[]) : roots).push(item);
  }
  const seen = new Set<string>();
  const edges: [string, string][] = [];
  for (const [from, to] of input.edges) {
    const [a, b] = [standIn.get(from), standIn.get(to)];
    if (!a || !b || a === b) continue;
    const id = `${a}\u2192${b}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push([a, b]);
  }
  return { roots, edges, count };
}

/**
 * Lays the DAG out left to right, task groups as boxes around their tasks (or as one box when
 * collapsed): with ELK's layered algorithm, or for more than LARGE_GRAPH visible nodes with our own
 * linear layered layout (ELK needs seconds there; it is not even loaded then). Runs in a Web Worker.
 */
export async function layoutGraph(loadElk: () => Promise<ElkLike>, input: GraphInput): Promise<GraphLayout> {
  const { roots, edges, count } = visibleGraph(input);
  if (count > LARGE_GRAPH)
    return layeredLayout(roots, edges, {
      layerGap: 40,
      nodeGap: 14,
      padding: [GROUP_HEADER, 10, 10, 10],
      sweeps: 4,
    });
  const meta = new Map<string, LayoutItem>();
  const toElk = (item: LayoutItem): ElkNode => {
    meta.set(item.id, item);
    return item.children
      ? {
          id: item.id,
          children: item.children.map(toElk),
          layoutOptions: { 'elk.padding': `[top=${GROUP_HEADER},left=10,bottom=10,right=10]` },
        }
      : { id: item.id, width: item.width, height: item.height };
  };
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.nodeNode': '14',
      'elk.edgeRouting': 'POLYLINE',
    },
    children: roots.map(toElk),
    edges: edges.map(([a, b]): ElkExtendedEdge => ({ id: `${a}\u2192${b}`, sources: [a], targets: [b] })),
  };

  const laid = await (await loadElk()).layout(root);
  const nodes: PlacedNode[] = [];
  const place = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      const info = meta.get(child.id);
      if (info)
        nodes.push({
          id: info.id,
          kind: info.kind,
          label: info.label,
          operator: info.operator,
          collapsed: info.collapsed,
          x,
          y,
          width: child.width ?? TASK_SIZE.width,
          height: child.height ?? TASK_SIZE.height,
        });
      place(child, x, y);
    }
  };
  place(laid, 0, 0);
  return {
    width: laid.width ?? 0,
    height: laid.height ?? 0,
    nodes,
    edges: (laid.edges ?? []).map((edge) => ({
      id: edge.id,
      points: (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]),
    })),
  };
}
