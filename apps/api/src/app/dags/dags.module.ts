import { Module } from '@nestjs/common';
import { DagViewsService } from './dag-views.service';
import { DagsController } from './dags.controller';
import { DagsService } from './dags.service';

@Module({
  controllers: [DagsController],
  providers: [DagsService, DagViewsService],
})
export class DagsModule {}
