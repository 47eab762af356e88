// Fails the image build when a built app requires a package the production node_modules lacks,
// so a missing runtime dependency shows up at `docker build`, not at the first request.
// Usage: node check-runtime-deps.cjs dist/apps/<app>/main.js [...]
const { readFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const { resolve } = require('node:path');

const missing = [];
for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, 'utf8');
  const names = new Set();
  for (const match of source.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    if (!isBuiltin(match[1])) names.add(match[1]);
  }
  for (const name of names) {
    try {
      require.resolve(name, { paths: [resolve(file, '..')] });
    } catch {
      missing.push(`${file}: ${name}`);
    }
  }
  console.log(`${file}: ${names.size} external packages checked`);
}
if (missing.length > 0) {
  console.error(`missing runtime packages:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
