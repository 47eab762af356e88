import { Injectable, OnDestroy } from '@angular/core';
import type { GraphInput, GraphLayout } from './graph-layout';

/** Lays graphs out in a Web Worker, so a 1,000-task DAG never blocks the page. */
@Injectable({ providedIn: 'root' })
export class GraphLayoutService implements OnDestroy {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (layout: GraphLayout) => void; reject: (error: Error) => void }
  >();

  layout(input: GraphInput): Promise<GraphLayout> {
    if (typeof Worker === 'undefined') return this.inProcess(input);
    const worker = (this.worker ??= this.start());
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  ngOnDestroy(): void {
    this.worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./graph-layout.worker', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<{ id: number; layout?: GraphLayout; error?: string }>) => {
      const waiting = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.layout) waiting?.resolve(data.layout);
      else waiting?.reject(new Error(data.error ?? 'the graph could not be laid out'));
    };
    return worker;
  }

  /** Where there are no workers (server-side rendering, unit tests). */
  private async inProcess(input: GraphInput): Promise<GraphLayout> {
    const { layoutGraph } = await import('./graph-layout');
    return layoutGraph(async () => {
      const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
      return new ELK();
    }, input);
  }
}
