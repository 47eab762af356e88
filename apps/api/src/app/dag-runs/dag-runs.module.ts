import { Module } from '@nestjs/common';
import { DagRunsController } from './dag-runs.controller';
import { DagRunsService } from './dag-runs.service';
import { TenantRunsController } from './tenant-runs.controller';

@Module({
  controllers: [DagRunsController, TenantRunsController],
  providers: [DagRunsService],
  exports: [DagRunsService],
})
export class DagRunsModule {}
