// `node tools/bench/trace-summary.mjs <trace.json> [N]`: where a Chromium performance trace (from
// `bench -- console --trace DIR`) spends its time, per thread: the N events with the most self
// time (script, style, layout, paint, garbage collection…), nested events subtracted from their parents;
// busy is wall time (longer on a loaded machine), CPU the thread's own time.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Self time by event name for each thread that did more than `minMs` of work. */
export function summariseTrace(events, top = 12, minMs = 20) {
  const names = new Map();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? String(e.tid));
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const lines = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const self = new Map();
    const stack = [];
    let busy = 0;
    let cpu = 0;
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
      else {
        busy += e.dur;
        cpu += e.tdur ?? 0;
      }
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
      stack.push(e);
    }
    if (busy / 1000 < minMs) continue;
    lines.push(`${names.get(key) ?? key}: ${(busy / 1000).toFixed(0)} ms busy, ${(cpu / 1000).toFixed(0)} ms of CPU`);
    for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      if (us > 0) lines.push(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top = '12'] = process.argv.slice(2);
  const trace = JSON.parse(readFileSync(file, 'utf8'));
  console.log(summariseTrace(Array.isArray(trace) ? trace : trace.traceEvents, Number(top)));
}
