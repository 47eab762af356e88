import { Module } from '@nestjs/common';
import { NotificationsModule } from '@updraft/notifications';
import { ActionLinksModule } from '../action-links/action-links.module';
import { ApprovalLinks } from './approval-links';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { SlackInteractionsController } from './slack-interactions.controller';
import { SlackInteractionsService } from './slack-interactions.service';

/** Approval steps answered in the console, the API/CLI, by email link and by Slack button. */
@Module({
  imports: [ActionLinksModule, NotificationsModule],
  controllers: [ApprovalsController, SlackInteractionsController],
  providers: [ApprovalsService, ApprovalLinks, SlackInteractionsService],
})
export class ApprovalsModule {}
