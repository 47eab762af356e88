import { Injectable } from '@nestjs/common';
import { NotificationSender } from '@updraft/notifications';
import { NotificationChannelRepository } from '@updraft/persistence';
import type { TaskOutcome } from '@updraft/sandbox';
import { findChannel } from './notification-target';
import type { OperatorExecutor, TryContext } from './operator-executor';

/** Posts the `slack` operator's message through a tenant Slack channel, in the worker (no tenant code runs). */
@Injectable()
export class SlackExecutor implements OperatorExecutor {
  readonly operators = ['slack'] as const;

  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly sender: NotificationSender,
  ) {}

  async execute({ ti, task, sink }: TryContext): Promise<TaskOutcome> {
    const config = task.config as { text?: string; channel?: string | null; slackChannel?: string | null };
    const channel = await findChannel(this.channels, ti.tenantId, 'slack', config.channel ?? null);
    if (typeof channel === 'string') return { outcome: 'fail', message: channel };
    const text = String(config.text ?? '');
    try {
      await this.sender.send(channel, { subject: '', text }, { slackChannel: config.slackChannel ?? undefined });
    } catch (error) {
      return { outcome: 'error', message: (error as Error).message };
    }
    sink.write(
      'system',
      `Slack message posted through channel '${channel.name}'${config.slackChannel ? ` to ${config.slackChannel}` : ''}`,
    );
    return { outcome: 'success', valueJson: null };
  }
}
