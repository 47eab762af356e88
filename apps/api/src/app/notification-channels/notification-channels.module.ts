import { Module } from '@nestjs/common';
import { NotificationsModule } from '@updraft/notifications';
import { NotificationChannelsController, NotificationDeliveriesController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';

/** Alerts in the API: channels (with a test message) and the delivery log. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationChannelsController, NotificationDeliveriesController],
  providers: [NotificationChannelsService],
})
export class NotificationChannelsModule {}
