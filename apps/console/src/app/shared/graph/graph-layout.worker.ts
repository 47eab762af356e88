/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js';
import { GraphInput, layoutGraph } from './graph-layout';

// elk.bundled.js makes itself a worker when loaded in one; this worker speaks its own protocol instead.
self.onmessage = null;
const elk = new ELK();

addEventListener('message', (event: MessageEvent<{ id: number; input: GraphInput }>) => {
  const { id, input } = event.data;
  layoutGraph(elk, input).then(
    (layout) => postMessage({ id, layout }),
    (error: unknown) => postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
