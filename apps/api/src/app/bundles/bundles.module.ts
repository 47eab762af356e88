import { Module } from '@nestjs/common';
import { RateLimitsModule } from '../../services/rate-limits/rate-limits.module';
import { BundlesController } from './bundles.controller';
import { BundlesService } from './bundles.service';

@Module({
  imports: [RateLimitsModule],
  controllers: [BundlesController],
  providers: [BundlesService],
})
export class BundlesModule {}
