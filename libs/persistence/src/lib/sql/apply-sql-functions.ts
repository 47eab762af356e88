import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SQL_FUNCTIONS, SqlFunction } from './functions';

/** Serialises concurrent migrators (any constant; pg_advisory_xact_lock's key space is ours). */
const APPLY_LOCK = 0x75706466; // 'updf'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The repeatable part of migrating: each SQL function whose file's text differs from what was
 * last applied (its hash in `sql_function`) is re-created from the file, in one transaction under
 * an advisory lock. Returns the names re-created (none when the database is up to date).
 */
export async function applySqlFunctions(
  db: DataSource,
  functions: readonly SqlFunction[] = SQL_FUNCTIONS,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [APPLY_LOCK]);
    const rows: { name: string; sha256: string }[] = await tx.query('SELECT name, sha256 FROM sql_function');
    const applied = new Map(rows.map((r) => [r.name, r.sha256]));
    const changed: string[] = [];
    for (const fn of functions) {
      const hash = sha256(fn.sql);
      if (applied.get(fn.name) === hash) continue;
      await tx.query(fn.sql);
      await tx.query(
        `INSERT INTO sql_function (name, sha256) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()`,
        [fn.name, hash],
      );
      changed.push(fn.name);
    }
    return changed;
  });
}
