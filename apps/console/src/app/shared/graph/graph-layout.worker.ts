/// <reference lib="webworker" />
import { ElkLike, GraphInput, layoutGraph } from './graph-layout';

let elk: Promise<ElkLike> | null = null;
/** ELK is loaded on the first graph small enough to need it: evaluating it alone takes a quarter second. */
const loadElk = (): Promise<ElkLike> =>
  (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => {
    // elk.bundled.js makes itself a worker when loaded in one; this worker speaks its own protocol instead.
    self.onmessage = null;
    return new ELK();
  }));

addEventListener('message', (event: MessageEvent<{ id: number; input: GraphInput }>) => {
  const { id, input } = event.data;
  layoutGraph(loadElk, input).then(
    (layout) => postMessage({ id, layout }),
    (error: unknown) => postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
