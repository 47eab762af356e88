// Renders deploy/kubernetes/updraft.yaml with a values file into plain manifests for `kubectl apply`:
//   node deploy/kubernetes/render.cjs [my-values.json] > updraft.rendered.yaml
// Every `{{ a.b }}` is replaced by that value; a value missing from the file is an error.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments, stringify } = require('yaml');

const TEMPLATE = join(__dirname, 'updraft.yaml');
const DEFAULTS = join(__dirname, 'values.json');

function merge(base, over) {
  if (typeof base !== 'object' || base === null || typeof over !== 'object' || over === null) return over ?? base;
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

/** The manifests as objects, from the defaults merged with `values`. */
function render(values = {}) {
  const all = merge(JSON.parse(readFileSync(DEFAULTS, 'utf8')), values);
  const text = readFileSync(TEMPLATE, 'utf8').replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path) => {
    const value = path.split('.').reduce((node, key) => (node == null ? undefined : node[key]), all);
    if (value === undefined || typeof value === 'object') throw new Error(`deploy values: '${path}' is not set`);
    return String(value);
  });
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`deploy/kubernetes/updraft.yaml: ${doc.errors[0].message}`);
    return doc.toJSON();
  });
}

module.exports = { render };

if (require.main === module) {
  const values = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {};
  process.stdout.write(
    render(values)
      .map((doc) => stringify(doc))
      .join('---\n'),
  );
}
