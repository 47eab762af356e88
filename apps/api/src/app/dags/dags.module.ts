import { Module } from '@nestjs/common';
import { DagViewsService } from './dag-views.service';
import { DagsController } from './dags.controller';

@Module({
  controllers: [DagsController],
  providers: [DagViewsService],
})
export class DagsModule {}
