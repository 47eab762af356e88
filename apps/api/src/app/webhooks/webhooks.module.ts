import { Module } from '@nestjs/common';
import { RateLimitsModule } from '../../services/rate-limits/rate-limits.module';
import { WebhookCallsController, WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [RateLimitsModule],
  controllers: [WebhooksController, WebhookCallsController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
