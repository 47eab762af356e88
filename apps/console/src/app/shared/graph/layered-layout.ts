import type { GraphLayout, PlacedNode } from './graph-layout';

/** A node to place: a task, a collapsed group (a box of task size) or an expanded group (a box around its children). */
export interface LayoutItem {
  id: string;
  kind: 'task' | 'group';
  label: string;
  operator: string | null;
  collapsed: boolean;
  width: number;
  height: number;
  /** Present on an expanded group: what it holds. */
  children?: LayoutItem[];
}

export interface LayeredOptions {
  layerGap: number;
  nodeGap: number;
  /** Inside an expanded group's box: [top, right, bottom, left]. */
  padding: [number, number, number, number];
  /** Barycentre sweeps, down and up, to reduce crossings. */
  sweeps: number;
}

interface Box {
  item: LayoutItem;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Children's boxes, positioned relative to this box. */
  inner: Box[];
}

/**
 * A layered (Sugiyama-style) layout, left to right, in time linear in the graph's size per sweep:
 * each expanded group is laid out on its own and becomes one box of its parent's layout (as ELK's
 * separate-children mode does), layers by longest path, order by barycentre sweeps, and edges
 * drawn straight from a node's right side to the next node's left side. It stands in for ELK on
 * graphs so large that ELK's crossing minimisation takes seconds.
 */
export function layeredLayout(
  roots: LayoutItem[],
  visibleEdges: [string, string][],
  options: LayeredOptions,
): GraphLayout {
  const parentOf = new Map<string, string | null>();
  const index = (items: LayoutItem[], parent: string | null) => {
    for (const item of items) {
      parentOf.set(item.id, parent);
      if (item.children) index(item.children, item.id);
    }
  };
  index(roots, null);
  const chainOf = (id: string): string[] => {
    const chain: string[] = [];
    for (let at: string | null = id; at !== null; at = parentOf.get(at) ?? null) chain.unshift(at);
    return chain;
  };
  // Each edge lifted to the one container holding both ends: there it joins two of its children.
  const edgesIn = new Map<string | null, [string, string][]>();
  for (const [from, to] of visibleEdges) {
    if (!parentOf.has(from) || !parentOf.has(to)) continue;
    const a = chainOf(from);
    const b = chainOf(to);
    let depth = 0;
    while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++;
    if (depth >= a.length || depth >= b.length) continue;
    const container = depth === 0 ? null : a[depth - 1];
    const list = edgesIn.get(container) ?? [];
    list.push([a[depth], b[depth]]);
    edgesIn.set(container, list);
  }

  const layOut = (items: LayoutItem[], container: string | null): { boxes: Box[]; width: number; height: number } => {
    const boxes = new Map<string, Box>();
    for (const item of items) {
      if (item.children) {
        const inner = layOut(item.children, item.id);
        const [top, right, bottom, left] = options.padding;
        for (const box of inner.boxes) {
          box.x += left;
          box.y += top;
        }
        boxes.set(item.id, {
          item,
          x: 0,
          y: 0,
          width: Math.max(item.width, inner.width + left + right),
          height: Math.max(item.height, inner.height + top + bottom),
          inner: inner.boxes,
        });
      } else boxes.set(item.id, { item, x: 0, y: 0, width: item.width, height: item.height, inner: [] });
    }
    const layers = orderedLayers(
      items.map((i) => i.id),
      edgesIn.get(container) ?? [],
      options.sweeps,
    );
    let x = 0;
    let tallest = 0;
    const heights = layers.map((layer) =>
      layer.reduce((sum, id, i) => sum + (boxes.get(id) as Box).height + (i ? options.nodeGap : 0), 0),
    );
    for (const h of heights) tallest = Math.max(tallest, h);
    layers.forEach((layer, l) => {
      let y = (tallest - heights[l]) / 2;
      let widest = 0;
      for (const id of layer) {
        const box = boxes.get(id) as Box;
        box.x = x;
        box.y = y;
        y += box.height + options.nodeGap;
        widest = Math.max(widest, box.width);
      }
      x += widest + (l < layers.length - 1 ? options.layerGap : 0);
    });
    return { boxes: [...boxes.values()], width: x, height: tallest };
  };

  const laid = layOut(roots, null);
  const nodes: PlacedNode[] = [];
  const place = (boxes: Box[], dx: number, dy: number) => {
    for (const box of boxes) {
      const { id, kind, label, operator, collapsed } = box.item;
      nodes.push({
        id,
        kind,
        label,
        operator,
        collapsed,
        x: dx + box.x,
        y: dy + box.y,
        width: box.width,
        height: box.height,
      });
      place(box.inner, dx + box.x, dy + box.y);
    }
  };
  place(laid.boxes, 0, 0);
  const placed = new Map(nodes.map((n) => [n.id, n]));
  const edges = visibleEdges.flatMap(([from, to]) => {
    const a = placed.get(from);
    const b = placed.get(to);
    if (!a || !b) return [];
    return [
      {
        id: `${from}\u2192${to}`,
        points: [
          { x: a.x + a.width, y: a.y + a.height / 2 },
          { x: b.x, y: b.y + b.height / 2 },
        ],
      },
    ];
  });
  return { width: laid.width, height: laid.height, nodes, edges };
}

/** Layers by longest path from the sources, each ordered by barycentre sweeps; ids in declaration order break ties. */
export function orderedLayers(ids: string[], edges: [string, string][], sweeps: number): string[][] {
  const up = new Map<string, string[]>(ids.map((id) => [id, []]));
  const down = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, b] of edges) {
    if (a === b || !up.has(a) || !up.has(b)) continue;
    up.get(b)?.push(a);
    down.get(a)?.push(b);
  }
  const waiting = new Map(ids.map((id) => [id, (up.get(id) as string[]).length]));
  const layerOf = new Map<string, number>();
  const queue = ids.filter((id) => waiting.get(id) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    const layer = Math.max(-1, ...(up.get(id) as string[]).map((u) => layerOf.get(u) ?? -1)) + 1;
    layerOf.set(id, layer);
    for (const d of down.get(id) as string[]) {
      const left = (waiting.get(d) as number) - 1;
      waiting.set(d, left);
      if (left === 0) queue.push(d);
    }
  }
  // A cycle (never in a valid DAG) leaves nodes unlayered: they go last rather than vanish.
  const last = Math.max(-1, ...layerOf.values()) + 1;
  for (const id of ids) if (!layerOf.has(id)) layerOf.set(id, last);

  const layers: string[][] = [];
  for (const id of ids) (layers[layerOf.get(id) as number] ??= []).push(id);
  const compacted = layers.filter((layer) => layer !== undefined);
  const position = new Map<string, number>();
  const number = (layer: string[]) => layer.forEach((id, i) => position.set(id, i / Math.max(1, layer.length - 1)));
  compacted.forEach(number);
  const reorder = (layer: string[], neighbours: Map<string, string[]>) => {
    const keyed = layer.map((id, i) => {
      const near = (neighbours.get(id) as string[]).filter((n) => position.has(n));
      const centre = near.length
        ? near.reduce((sum, n) => sum + (position.get(n) as number), 0) / near.length
        : (position.get(id) as number);
      return { id, centre, i };
    });
    keyed.sort((a, b) => a.centre - b.centre || a.i - b.i);
    keyed.forEach((k, i) => (layer[i] = k.id));
    number(layer);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < compacted.length; l++) reorder(compacted[l], up);
    for (let l = compacted.length - 2; l >= 0; l--) reorder(compacted[l], down);
  }
  return compacted;
}
