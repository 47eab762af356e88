import { ApiError, type ApiClient } from '../api-client';
import type { DagRun } from '../api-types';
import { CliError } from '../errors';

export const LATEST_RUN = 'latest';

/**
 * The run a command names: `latest` (or none) for the DAG's newest run, a full run id, or a prefix
 * of one that only one of the DAG's runs has.
 */
export async function resolveRun(
  client: ApiClient,
  tenant: string,
  dagId: string,
  ref: string | undefined,
): Promise<DagRun> {
  if (!ref || ref === LATEST_RUN) {
    const newest = (await client.listDagRuns(tenant, dagId, { limit: 1, offset: 0 })).items[0];
    if (!newest) throw new CliError(`${dagId} has no runs yet`);
    return newest;
  }
  try {
    return await client.getDagRun(tenant, dagId, ref);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const runs = await client.listAllDagRuns(tenant, dagId);
  const exact = runs.find((run) => run.runId === ref);
  if (exact) return exact;
  const matches = [...new Map(runs.filter((run) => run.runId.startsWith(ref)).map((run) => [run.runId, run])).values()];
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new CliError(`${dagId} has no run whose id starts with "${ref}"`);
  const shown = matches.slice(0, 5).map((run) => run.runId);
  throw new CliError(
    `"${ref}" fits ${matches.length} runs of ${dagId} (${shown.join(', ')}${matches.length > shown.length ? ', …' : ''}): give more of the id`,
  );
}
