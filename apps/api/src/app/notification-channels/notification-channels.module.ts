import { Module } from '@nestjs/common';
import { NotificationsModule } from '@updraft/notifications';
import { SlaMissesController } from '../sla-misses/sla-misses.controller';
import { NotificationChannelsController, NotificationDeliveriesController } from './notification-channels.controller';

/** Alerts in the API: channels (with a test message), the delivery log, and SLA misses. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationChannelsController, NotificationDeliveriesController, SlaMissesController],
})
export class NotificationChannelsModule {}
