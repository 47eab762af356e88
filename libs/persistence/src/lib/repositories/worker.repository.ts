import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The live workers and their slots, which cap what the dispatch queues. Platform rows, not a
 * tenant's: a worker runs every tenant's tasks.
 */
@Injectable()
export class WorkerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Registers the worker, or keeps it registered, with `slots` (and `reservedSlots`, its headroom
   * for tenants below their fair share) counted until `liveForMs` from now.
   */
  async beat(hostname: string, slots: number, liveForMs: number, reservedSlots = 0): Promise<void> {
    await this.db.query(
      `INSERT INTO worker (hostname, slots, reserved_slots, expires_at) VALUES ($1, $2, $4, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (hostname) DO UPDATE SET slots = EXCLUDED.slots, reserved_slots = EXCLUDED.reserved_slots, expires_at = EXCLUDED.expires_at`,
      [hostname, slots, liveForMs, reservedSlots],
    );
  }

  async remove(hostname: string): Promise<void> {
    await this.db.query(`DELETE FROM worker WHERE hostname = $1`, [hostname]);
  }
}
