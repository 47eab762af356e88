import { Controller, Get } from '@nestjs/common';
import { Public } from '@updraft/auth';
import type { Health } from '@updraft/api-types';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** Health: the api and its database answer. */
  @Get()
  @Public()
  health(): Promise<Health> {
    return this.service.check();
  }
}
