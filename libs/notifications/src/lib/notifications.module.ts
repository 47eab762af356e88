import { EgressModule } from '@updraft/egress';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { MailModule } from '@updraft/mail';
import { SecretsModule } from '@updraft/secrets';
import { ActionLinkSigner } from './action-links/action-link-signer';
import { ChannelVault } from './channel-vault';
import { ChannelService } from './channel.service';
import { NotificationSender } from './notification-sender';
import { Notifier } from './notifier.service';
import { TaskCallbacks } from './task-callbacks';

/** Sending and enqueuing notifications. The app that delivers queued ones also provides NotificationProcessor. Needs QueuesModule and PersistenceModule. */
@Module({
  imports: [ConfigModule, MailModule, SecretsModule, EgressModule],
  providers: [ActionLinkSigner, ChannelVault, ChannelService, NotificationSender, Notifier, TaskCallbacks],
  exports: [ActionLinkSigner, ChannelVault, ChannelService, NotificationSender, Notifier, TaskCallbacks],
})
export class NotificationsModule {}
