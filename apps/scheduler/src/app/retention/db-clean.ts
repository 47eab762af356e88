import { loadConfig } from '@updraft/config';
import { installLogger } from '@updraft/observability';
import { dataSourceOptions, RetentionRepository } from '@updraft/persistence';
import { DataSource } from 'typeorm';
import { RETENTION_BATCH_SIZE, summarizeRetention } from './retention-summary';

const USAGE = 'usage: main.js db-clean [--dry-run] [--tenant <slug>] [--batch-size <rows>]';

export function parseDbCleanArgs(argv: string[]): { dryRun: boolean; slug?: string; batchSize: number } {
  const options: { dryRun: boolean; slug?: string; batchSize: number } = {
    dryRun: false,
    batchSize: RETENTION_BATCH_SIZE,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--tenant' && argv[i + 1]) options.slug = argv[++i];
    else if (arg === '--batch-size' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) options.batchSize = Number(argv[++i]);
    else throw new Error(`db-clean: unexpected argument '${arg}'\n${USAGE}`);
  }
  return options;
}

/**
 * `main.js db-clean [--dry-run]`: what Airflow's `airflow db clean` does, by each tenant's
 * retention: prints per tenant and table the rows past retention (removed, or with --dry-run
 * only counted), then the totals.
 */
export async function dbClean(argv: string[]): Promise<void> {
  const options = parseDbCleanArgs(argv);
  const config = loadConfig();
  installLogger(config, 'scheduler');
  const db = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  try {
    const results = await new RetentionRepository(db).clean(options);
    if (options.slug && results.length === 0) throw new Error(`db-clean: no tenant '${options.slug}'`);
    const out: string[] = [];
    out.push(['tenant', 'table', 'kept days', 'older than', options.dryRun ? 'would remove' : 'removed'].join('\t'));
    for (const r of results) out.push([r.slug, r.table, r.keptDays, r.olderThan.toISOString(), r.rows].join('\t'));
    out.push(summarizeRetention(results, options.dryRun).line);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await db.destroy();
  }
}
