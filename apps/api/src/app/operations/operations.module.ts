import { getQueueToken } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { UpdraftMetrics } from '@updraft/observability';
import { QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { OperationsController } from './operations.controller';

const queueTokens = Object.values(QUEUES).map((name) => getQueueToken(name));

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false })],
  controllers: [OperationsController],
  providers: [
    {
      provide: UpdraftMetrics,
      inject: [UPDRAFT_CONFIG, DataSource, ...queueTokens],
      useFactory: (config: UpdraftConfig, db: DataSource, ...queues: Queue[]) => {
        const metrics = new UpdraftMetrics('api');
        metrics.watchQueues(queues);
        metrics.watchDatabase(db, config.dispatchSlots, config.defaultPoolSlots);
        return metrics;
      },
    },
  ],
  exports: [UpdraftMetrics],
})
export class OperationsModule {}
