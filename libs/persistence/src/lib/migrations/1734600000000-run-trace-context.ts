import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run keeps the trace context it was created in (W3C `traceparent`/`tracestate`): the scheduler's
 * decisions and every task try, in other processes and later, join the trace of the request or
 * schedule tick that made the run.
 */
export class RunTraceContext1734600000000 implements MigrationInterface {
  name = 'RunTraceContext1734600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dag_run ADD COLUMN trace_context jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dag_run DROP COLUMN trace_context`);
  }
}
