import type { INestApplicationContext } from '@nestjs/common';
import type { SerializedDag } from '@updraft/sdk';

/** Stores `serialized` as the current version of its DAG, as a parsed bundle would (no worker needed); returns the version's id. */
export async function deploySerialized(
  app: INestApplicationContext,
  tenantId: string,
  serialized: SerializedDag,
): Promise<string> {
  // Loaded on demand, as test-database.ts does: suites that never deploy this way never compile persistence.
  const { BundleRepository, DagRepository } = await import('@updraft/persistence');
  const bundles = app.get(BundleRepository);
  const version = await bundles.createVersion(tenantId, {
    name: serialized.dagId,
    archive: Buffer.from('x'),
    format: 'tar.gz',
    createdBy: null,
  });
  await bundles.activate(tenantId, version.id, [{ dagId: serialized.dagId, entryFile: 'x.js', serialized }]);
  return (await app.get(DagRepository).get(tenantId, serialized.dagId))?.dagVersionId as string;
}
