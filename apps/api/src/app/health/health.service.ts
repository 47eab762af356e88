import { Injectable } from '@nestjs/common';
import type { Health } from '@updraft/api-types';
import { DataSource } from 'typeorm';

/** The api is healthy when its database answers. */
@Injectable()
export class HealthService {
  constructor(private readonly db: DataSource) {}

  async check(): Promise<Health> {
    await this.db.query('SELECT 1');
    return { status: 'ok' };
  }
}
