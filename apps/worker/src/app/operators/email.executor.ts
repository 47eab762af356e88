import { Injectable } from '@nestjs/common';
import { NotificationSender } from '@updraft/notifications';
import { NotificationChannelRepository } from '@updraft/persistence';
import type { TaskOutcome } from '@updraft/sandbox';
import { findChannel } from './notification-target';
import type { OperatorExecutor, TryContext } from './operator-executor';

/** Sends the `email` operator's mail through a tenant email channel, in the worker (no tenant code runs). */
@Injectable()
export class EmailExecutor implements OperatorExecutor {
  readonly operators = ['email'] as const;

  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly sender: NotificationSender,
  ) {}

  async execute({ ti, task, sink }: TryContext): Promise<TaskOutcome> {
    const config = task.config as { to?: string[]; subject?: string; body?: string; channel?: string | null };
    const channel = await findChannel(this.channels, ti.tenantId, 'email', config.channel ?? null);
    if (typeof channel === 'string') return { outcome: 'fail', message: channel };
    const to = config.to ?? [];
    try {
      await this.sender.send(
        channel,
        { subject: String(config.subject ?? ''), text: String(config.body ?? '') },
        { to },
      );
    } catch (error) {
      return { outcome: 'error', message: (error as Error).message };
    }
    sink.write(
      'system',
      `mail '${config.subject}' sent through channel '${channel.name}'${to.length > 0 ? ` to ${to.join(', ')}` : ''}`,
    );
    return { outcome: 'success', valueJson: null };
  }
}
