// `node tools/bench/profile-summary.mjs <file.cpuprofile> [N]`: the N functions with the most
// self time in a V8 CPU profile (from `bench --cpu-prof DIR`, or the console bench's `--trace DIR`),
// to see where an app or the page spends its CPU.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function summariseProfile(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const self = new Map();
  for (const id of profile.samples) {
    const { callFrame: f } = byId.get(id);
    const key = `${f.functionName || '(anonymous)'} ${f.url
      .replace(/^.*node_modules\//, 'nm:')
      .replace(/^.*dist\//, '')
      .replace(/^https?:\/\/[^/]+\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + interval);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const lines = [`total ${total.toFixed(0)} ms sampled`];
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top = '25'] = process.argv.slice(2);
  console.log(summariseProfile(JSON.parse(readFileSync(file, 'utf8')), Number(top)));
}
