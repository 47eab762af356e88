import { InjectQueue } from '@nestjs/bull';
import { Controller, Get, Header, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@updraft/auth';
import { databaseNotReady, redisNotReady, UpdraftMetrics } from '@updraft/observability';
import { QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';

/**
 * Routes for the platform, not for users (outside /api/v1 and the API document): Kubernetes'
 * probes and Prometheus' scrape.
 */
@ApiExcludeController()
@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: DataSource,
    @InjectQueue(QUEUES.scheduler) private readonly queue: Queue,
    @Inject(UpdraftMetrics) private readonly metrics: UpdraftMetrics,
  ) {}

  /** The process answers (a liveness probe: failing it restarts the pod). */
  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer and every migration this build needs is applied (a readiness probe). */
  @Get('health/ready')
  @Public()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.check('database', () => databaseNotReady(this.db)),
        () => this.check('redis', () => redisNotReady(this.queue.client)),
      ]);
    } catch (error) {
      // Terminus' own answer (which check is down, and why), not the API's error shape.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.text().catch((error: Error) => {
      throw new ServiceUnavailableException(`metrics unavailable: ${error.message}`);
    });
  }

  private async check(key: string, reason: () => Promise<string | null>) {
    const problem = await reason();
    const indicator = this.indicator.check(key);
    return problem === null ? indicator.up() : indicator.down({ message: problem });
  }
}
