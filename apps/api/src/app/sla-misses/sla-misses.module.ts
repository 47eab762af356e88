import { Module } from '@nestjs/common';
import { SlaMissesController } from './sla-misses.controller';
import { SlaMissesService } from './sla-misses.service';

@Module({
  controllers: [SlaMissesController],
  providers: [SlaMissesService],
})
export class SlaMissesModule {}
