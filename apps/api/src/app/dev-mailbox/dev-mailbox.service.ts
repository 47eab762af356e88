import { BadGatewayException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { DevMailList } from '@updraft/api-types';

/** The mails `npm start`'s local mail catcher received (development only). */
@Injectable()
export class DevMailboxService {
  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {}

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
