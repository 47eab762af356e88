import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live workers and their slots. The dispatch queues no more than the live workers can start
 * (within the platform's dispatch slots): work waits as `scheduled` in PostgreSQL, where the
 * dispatcher orders it, rather than as Bull jobs that no slot will take soon. A worker counts
 * while `expires_at` is ahead: it moves it on with each heartbeat, and sets its slots to 0 when
 * it drains. (The snapshot that reads it: sql/functions/updraft_dispatch_snapshot.sql.)
 */
export class WorkerCapacity1732490000000 implements MigrationInterface {
  name = 'WorkerCapacity1732490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker (
        hostname text PRIMARY KEY,
        slots int NOT NULL CHECK (slots >= 0),
        started_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker`);
  }
}
