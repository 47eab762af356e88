// Validates an overlay's manifests against the Kubernetes and KEDA API schemas (kubernetes-models,
// @kubernetes-models/keda): prints one JSON line per manifest, `{ name, error }`; exits 1 on any error.
//   node deploy/kubernetes/validate.mjs [overlay folder | -]   (-: the manifests as JSON on stdin)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { render } = require('./render.cjs');

async function modelOf(manifest) {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : ['', manifest.apiVersion];
  const module =
    group === 'keda.sh'
      ? `@kubernetes-models/keda/keda.sh/${version}/${manifest.kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${manifest.kind}`;
  const Model = (await import(module))[manifest.kind];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  return new Model(manifest);
}

const arg = process.argv[2];
const manifests = arg === '-' ? JSON.parse(readFileSync(0, 'utf8')) : render(arg);
let failed = false;
for (const manifest of manifests) {
  const name = `${manifest.kind}/${manifest.metadata?.name}`;
  try {
    (await modelOf(manifest)).validate();
    console.log(JSON.stringify({ name, error: null }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ name, error: error.message }));
  }
}
process.exit(failed ? 1 : 0);
