import { Controller, Get } from '@nestjs/common';
import { Public } from '@updraft/auth';
import type { DevMailList } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { DevMailboxService } from './dev-mailbox.service';

/**
 * The mails the platform sent, as `npm start`'s local mail catcher received them: how a newcomer
 * verifies, resets and accepts with no outside mail server. Answers only when DEV_MAILBOX_URL is
 * set, which the configuration refuses in production; otherwise the route does not exist (404).
 * Public, like the links it shows: a password reset is asked for before logging in.
 */
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  /** Development only: list the mails the local mail catcher received, newest first. */
  @Get()
  @Public()
  @ApiErrors({
    404: 'No local mail catcher is configured (DEV_MAILBOX_URL), or this is production.',
    502: 'The local mail catcher does not answer.',
  })
  list(): Promise<DevMailList> {
    return this.mailbox.list();
  }
}
