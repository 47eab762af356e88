import { Module } from '@nestjs/common';
import { NotificationsModule } from '@updraft/notifications';
import { ActionLinkRegistry } from './action-link-registry';
import { ActionLinksController } from './action-links.controller';
import { ActionLinksService } from './action-links.service';

/** Signed single-use action links (approve, acknowledge...): features import this module and register their handler in the registry. */
@Module({
  imports: [NotificationsModule],
  controllers: [ActionLinksController],
  providers: [ActionLinkRegistry, ActionLinksService],
  exports: [ActionLinkRegistry],
})
export class ActionLinksModule {}
