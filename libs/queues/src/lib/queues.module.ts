import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';

/** Connects Bull to Redis (with the configured key prefix) and registers every queue. */
@Module({})
export class QueuesModule {
  static register(): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [UPDRAFT_CONFIG],
          useFactory: (config: UpdraftConfig) => ({
            url: config.redisUrl,
            prefix: config.redisPrefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
            settings: { stalledInterval: 5_000, lockDuration: 30_000 },
          }),
        }),
        queues,
      ],
      exports: [queues],
    };
  }
}
