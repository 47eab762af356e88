import type { RetentionResult } from '@updraft/persistence';

export const RETENTION_BATCH_SIZE = 1_000;

/** Totals per table, and one line to log or print. */
export function summarizeRetention(
  results: RetentionResult[],
  dryRun: boolean,
): { total: number; byTable: Record<string, number>; line: string } {
  const byTable: Record<string, number> = {};
  for (const r of results) byTable[r.table] = (byTable[r.table] ?? 0) + r.rows;
  const total = Object.values(byTable).reduce((a, b) => a + b, 0);
  const parts = Object.entries(byTable).map(([table, rows]) => `${table} ${rows}`);
  return {
    total,
    byTable,
    line: `${dryRun ? 'would remove' : 'removed'} ${total} row(s) past retention: ${parts.join(', ')}`,
  };
}
