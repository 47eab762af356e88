import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@updraft/auth';
import type { Request, Response } from 'express';
import { SlackInteractionsService } from './slack-interactions.service';

/**
 * Slack's interactivity endpoint (set as the Slack app's Request URL:
 * `<PUBLIC_URL>/api/v1/slack/interactions/<tenant slug>/<channel name>`). Public: Slack signs its
 * requests with the app's signing secret, which the channel keeps; for Slack, not the API document.
 */
@ApiExcludeController()
@Controller('slack/interactions')
export class SlackInteractionsController {
  constructor(private readonly interactions: SlackInteractionsService) {}

  @Post(':slug/:channel')
  @HttpCode(200)
  @Public()
  async interact(
    @Param('slug') tenantSlug: string,
    @Param('channel') channel: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const reply = await this.interactions.handle(tenantSlug, channel, req);
    res.status(reply.status).type('text').send(reply.text);
  }
}
