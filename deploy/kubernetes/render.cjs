// Renders a kustomize overlay into manifests with kubectl's built-in kustomize (any kubectl since
// 1.14; Debian's `kubernetes-client` will do):
//   node deploy/kubernetes/render.cjs [overlay folder]      (default: overlays/production)
// prints the manifests as YAML, exactly what `kubectl apply -k <overlay>` would apply.
const { spawnSync } = require('node:child_process');
const { resolve, join } = require('node:path');
const { parseAllDocuments } = require('yaml');

const PRODUCTION = join(__dirname, 'overlays', 'production');

function kustomize(overlay) {
  const run = spawnSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `kubectl is needed to render ${overlay} (apt-get install -y kubernetes-client): ${run.error.message}`,
    );
  // Newer kustomize warns about `bases` and `patchesStrategicMerge`, kept for Debian's older kubectl.
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('# Warning'))
    .join('\n');
  if (run.status !== 0) throw new Error(`kubectl kustomize ${overlay}: ${errors}`);
  return run.stdout;
}

/** The overlay's manifests as objects. */
function render(overlay = PRODUCTION) {
  const folder = resolve(overlay);
  return parseAllDocuments(kustomize(folder)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${folder}: ${doc.errors[0].message}`);
    return doc.toJSON();
  });
}

module.exports = { render, PRODUCTION };

if (require.main === module) process.stdout.write(kustomize(resolve(process.argv[2] ?? PRODUCTION)));
