import { BadGatewayException, Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { Public } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { DevMailList } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';

/**
 * The mails the platform sent, as `npm start`'s local mail catcher received them: how a newcomer
 * verifies, resets and accepts with no outside mail server. Answers only when DEV_MAILBOX_URL is
 * set, which the configuration refuses in production; otherwise the route does not exist (404).
 * Public, like the links it shows: a password reset is asked for before logging in.
 */
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {}

  /** Development only: list the mails the local mail catcher received, newest first. */
  @Get()
  @Public()
  @ApiErrors({
    404: 'No local mail catcher is configured (DEV_MAILBOX_URL), or this is production.',
    502: 'The local mail catcher does not answer.',
  })
  async list(): Promise<DevMailList> {
    if (!this.config.devMailboxUrl || this.config.nodeEnv === 'production')
      throw new NotFoundException('Cannot GET /api/v1/dev/mailbox');
    let response: Response;
    try {
      response = await fetch(`${this.config.devMailboxUrl}/mails`, { signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new BadGatewayException(
        `the local mail catcher at ${this.config.devMailboxUrl} does not answer (${(error as Error).message}); is npm start running?`,
      );
    }
    if (!response.ok)
      throw new BadGatewayException(
        `the local mail catcher at ${this.config.devMailboxUrl} answered ${response.status}`,
      );
    return (await response.json()) as DevMailList;
  }
}
