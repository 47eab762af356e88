import { Controller, Get } from '@nestjs/common';
import { Public } from '@updraft/auth';
import { DataSource } from 'typeorm';
import type { Health } from '@updraft/api-types';

@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  /** Health: the api and its database answer. */
  @Get()
  @Public()
  async health(): Promise<Health> {
    await this.db.query('SELECT 1');
    return { status: 'ok' };
  }
}
