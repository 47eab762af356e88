import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { render } = require('./render.cjs') as { render(overlay?: string): Manifest[] };
const SMALL = join(__dirname, 'overlays', 'small');

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

describe('deploy/kubernetes: the kustomize base and its overlays', () => {
  const manifests = render();
  const small = render(SMALL);
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  it('renders each overlay into manifests valid against the Kubernetes and KEDA API schemas', () => {
    for (const rendered of [manifests, small]) {
      const results = validate(rendered);
      expect(results.map((r) => r.name)).toEqual(rendered.map((m) => `${m.kind}/${m.metadata.name}`));
      expect(results.filter((r) => r.error !== null)).toEqual([]);
      expect(rendered.map((m) => m.kind)).toEqual(
        expect.arrayContaining(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'ScaledObject', 'Job']),
      );
    }
    expect(new Set(manifests.map((m) => m.metadata.namespace))).toEqual(new Set(['updraft']));
    expect(named('Deployment', 'updraft-worker')?.spec.template.spec.containers[0].image).toBe(
      'registry.example.com/updraft/worker:0.0.0',
    );
  });

  it("applies an overlay's changes: the small install has one api replica and at most four workers", () => {
    const find = (kind: string, name: string) => small.find((m) => m.kind === kind && m.metadata.name === name);
    expect(new Set(small.map((m) => m.metadata.namespace))).toEqual(new Set(['updraft-small']));
    expect(find('Deployment', 'updraft-api')?.spec.replicas).toBe(1);
    expect(find('Deployment', 'updraft-scheduler')?.spec.replicas).toBe(2);
    expect(find('ScaledObject', 'updraft-worker')?.spec.maxReplicaCount).toBe(4);
    expect(find('ConfigMap', 'updraft-config')?.data.WORKER_CONCURRENCY).toBe('4');
    expect(find('ScaledObject', 'updraft-worker')?.spec.triggers[0].metadata.targetQueryValue).toBe('4');
  });

  it('refuses a manifest the API would refuse, and an overlay kustomize cannot build (the checks can fail)', () => {
    const broken = structuredClone(named('Deployment', 'updraft-api') as Manifest);
    broken.spec.replicas = 'two';
    const scaled = structuredClone(named('ScaledObject', 'updraft-worker') as Manifest);
    scaled.spec.minReplicaCount = 'none';
    expect(validate([broken, scaled]).map((r) => r.error)).toEqual([expect.any(String), expect.any(String)]);
    // Kustomize reads only below the overlay's parent: the broken one sits beside the real ones.
    const overlay = mkdtempSync(join(__dirname, 'overlays', 'broken-'));
    try {
      writeFileSync(
        join(overlay, 'kustomization.yaml'),
        'bases: [../../base]\npatchesStrategicMerge: [missing.yaml]\n',
      );
      expect(() => render(overlay)).toThrow(/kubectl kustomize .*missing\.yaml/s);
    } finally {
      rmSync(overlay, { recursive: true, force: true });
    }
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

  it('migrates with a Job, wires the probes to the health routes and takes secrets from a Secret', () => {
    const job = byKind('Job')[0];
    expect(job.metadata.name).toBe('updraft-migrate');
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
});
