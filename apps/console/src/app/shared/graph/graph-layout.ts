import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

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

/**
 * Lays the DAG out left to right with ELK's layered algorithm, task groups as boxes around their
 * tasks (or as one box when collapsed). Runs wherever `elk` runs: in the console, in a Web Worker.
 */
export async function layoutGraph(elk: ElkLike, input: GraphInput): Promise<GraphLayout> {
  const parents = new Map(input.groups.map((g) => [g.id, g.parentId]));
  const collapsed = new Set(input.collapsed.filter((g) => parents.has(g)));
  const standIn = new Map<string, string>();
  for (const task of input.tasks)
    standIn.set(
      task.id,
      visibleOwner(task.groupId && parents.has(task.groupId) ? task.groupId : null, parents, collapsed) ?? task.id,
    );

  const nodeOf = new Map<string, ElkNode>();
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
    children: [],
    edges: [],
  };
  const meta = new Map<string, Omit<PlacedNode, 'x' | 'y' | 'width' | 'height'>>();
  const groupNode = (id: string): ElkNode => {
    let node = nodeOf.get(id);
    if (node) return node;
    const isCollapsed = collapsed.has(id);
    node = isCollapsed
      ? { id, ...TASK_SIZE }
      : { id, children: [], layoutOptions: { 'elk.padding': `[top=${GROUP_HEADER},left=10,bottom=10,right=10]` } };
    nodeOf.set(id, node);
    meta.set(id, { id, kind: 'group', label: id, operator: null, collapsed: isCollapsed });
    const parent = parents.get(id) ?? null;
    (parent ? groupNode(parent) : root).children?.push(node);
    return node;
  };
  for (const task of input.tasks) {
    const owner = standIn.get(task.id) as string;
    if (owner !== task.id) {
      groupNode(owner);
      continue;
    }
    const node: ElkNode = { id: task.id, ...TASK_SIZE };
    nodeOf.set(task.id, node);
    meta.set(task.id, { id: task.id, kind: 'task', label: task.id, operator: task.operator, collapsed: false });
    const group = task.groupId && parents.has(task.groupId) ? task.groupId : null;
    (group ? groupNode(group) : root).children?.push(node);
  }
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const [from, to] of input.edges) {
    const [a, b] = [standIn.get(from), standIn.get(to)];
    if (!a || !b || a === b) continue;
    const id = `${a}\u2192${b}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, sources: [a], targets: [b] });
  }
  root.edges = edges;

  const laid = await elk.layout(root);
  const nodes: PlacedNode[] = [];
  const place = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      const info = meta.get(child.id);
      if (info)
        nodes.push({ ...info, x, y, width: child.width ?? TASK_SIZE.width, height: child.height ?? TASK_SIZE.height });
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
