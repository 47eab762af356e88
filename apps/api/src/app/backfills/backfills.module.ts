import { Module } from '@nestjs/common';
import { DagRunsModule } from '../dag-runs/dag-runs.module';
import { BackfillsController } from './backfills.controller';
import { BackfillsService } from './backfills.service';

@Module({
  imports: [DagRunsModule],
  controllers: [BackfillsController],
  providers: [BackfillsService],
})
export class BackfillsModule {}
