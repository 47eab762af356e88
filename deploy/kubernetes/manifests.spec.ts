import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { render } = require('./render.cjs') as { render(values?: object): Manifest[] };

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
}

/** Validates manifests with validate.mjs (kubernetes-models is ESM-only: Node loads it, Jest's CommonJS runtime cannot). */
function validate(manifests: Manifest[]): { name: string; error: string | null }[] {
  const run = spawnSync(process.execPath, [join(__dirname, 'validate.mjs'), '-'], {
    input: JSON.stringify(manifests),
    encoding: 'utf8',
  });
  if (!run.stdout.trim()) throw new Error(`validate.mjs failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('deploy/kubernetes manifests', () => {
  const manifests = render();
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  it('validates every manifest against the Kubernetes and KEDA API schemas', () => {
    const results = validate(manifests);
    expect(results.map((r) => r.name)).toEqual(manifests.map((m) => `${m.kind}/${m.metadata.name}`));
    expect(results.filter((r) => r.error !== null)).toEqual([]);
    expect(manifests.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'ScaledObject', 'Job']),
    );
  });

  it('refuses a manifest the API would refuse, and a value missing from the values (the checks can fail)', () => {
    const broken = structuredClone(named('Deployment', 'updraft-api') as Manifest);
    broken.spec.replicas = 'two';
    const scaled = structuredClone(named('ScaledObject', 'updraft-worker') as Manifest);
    scaled.spec.minReplicaCount = 'none';
    expect(validate([broken, scaled]).map((r) => r.error)).toEqual([expect.any(String), expect.any(String)]);
    expect(() => render({ namespace: { nested: true } })).toThrow(/'namespace' is not set/);
  });

  it('runs at least two schedulers, scales the api by CPU and the workers by waiting work down to zero', () => {
    expect(named('Deployment', 'updraft-scheduler')?.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(named('HorizontalPodAutoscaler', 'updraft-api')?.spec.scaleTargetRef.name).toBe('updraft-api');
    const scaled = named('ScaledObject', 'updraft-worker') as Manifest;
    expect(scaled.spec.minReplicaCount).toBe(0);
    expect(scaled.spec.triggers[0]).toMatchObject({ type: 'postgresql' });
    expect(scaled.spec.triggers[0].metadata.query).toMatch(/state IN \('queued', 'running'\)/);
    expect(byKind('PodDisruptionBudget').map((m) => m.metadata.name)).toEqual(
      expect.arrayContaining(['updraft-api', 'updraft-scheduler', 'updraft-worker']),
    );
  });

  it('migrates before an upgrade, wires the probes to the health routes and takes secrets from a Secret', () => {
    const job = byKind('Job')[0];
    expect(job.metadata.annotations?.['helm.sh/hook']).toContain('pre-upgrade');
    expect(job.spec.template.spec.containers[0].args).toEqual(['migrate']);
    for (const deployment of byKind('Deployment')) {
      const container = deployment.spec.template.spec.containers[0];
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
      expect(container.envFrom).toContainEqual({ secretRef: { name: 'updraft-secrets' } });
    }
    expect(JSON.stringify(byKind('ConfigMap'))).not.toMatch(/DATABASE_URL|JWT_SECRET|ENCRYPTION_KEY/);
  });

  it('keeps task code away from the cloud metadata address, and task sandboxes from PostgreSQL and Redis', () => {
    const sandbox = named('NetworkPolicy', 'updraft-task-sandbox') as Manifest;
    const rules = sandbox.spec.egress as {
      to?: { ipBlock: { cidr: string; except?: string[] } }[];
      ports?: { port: number }[];
    }[];
    expect(rules.flatMap((rule) => rule.ports ?? []).map((p) => p.port)).not.toEqual(expect.arrayContaining([5432]));
    expect(rules.flatMap((rule) => rule.ports ?? []).map((p) => p.port)).not.toEqual(expect.arrayContaining([6379]));
    for (const policy of byKind('NetworkPolicy')) {
      const open = (policy.spec.egress as { to?: { ipBlock: { cidr: string; except?: string[] } }[] }[])
        .flatMap((rule) => rule.to ?? [])
        .filter((to) => to.ipBlock.cidr === '0.0.0.0/0');
      for (const to of open) expect(to.ipBlock.except).toContain('169.254.169.254/32');
    }
  });

  it('documents every value the template uses in values.json', () => {
    const template = readFileSync(join(__dirname, 'updraft.yaml'), 'utf8');
    expect(template).not.toMatch(/\{\{\s*\}\}/);
    expect(() => render()).not.toThrow();
  });
});
