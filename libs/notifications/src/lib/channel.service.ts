import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@updraft/api-types';
import {
  NotificationChannelEntity,
  NotificationChannelRepository,
  NotificationChannelType,
} from '@updraft/persistence';
import {
  CHANNEL_NAME_PATTERN,
  CHANNEL_TYPES,
  ChannelConfigError,
  ConfigProblem,
  maskedConfig,
  parseChannelConfig,
} from './channel-config';
import { ChannelVault } from './channel-vault';

export interface ChannelInput {
  name: string;
  type: NotificationChannelType;
  isDefault?: boolean;
  config: Record<string, unknown>;
}

/** Creates and changes channels: validates their config, encrypts their secrets, and shows them masked. */
@Injectable()
export class ChannelService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly vault: ChannelVault,
  ) {}

  async create(tenantId: string, input: ChannelInput): Promise<NotificationChannelEntity> {
    checkNameAndType(input);
    const { settings, secrets } = parseChannelConfig(input.type, input.config);
    return this.channels.create(tenantId, {
      name: input.name,
      type: input.type,
      isDefault: input.isDefault ?? false,
      settings,
      secrets: this.vault.seal(tenantId, input.name, secrets),
    });
  }

  /** Applies a change; fields left out keep their values, and a secret sent back as MASK keeps the stored one. */
  async update(
    tenantId: string,
    current: NotificationChannelEntity,
    change: Partial<ChannelInput>,
  ): Promise<NotificationChannelEntity | null> {
    const previous = this.vault.open(tenantId, current.name, current.secrets);
    const next: ChannelInput = {
      name: change.name ?? current.name,
      type: change.type ?? current.type,
      isDefault: change.isDefault ?? current.isDefault,
      config: change.config ?? maskedConfig(current.settings, previous),
    };
    checkNameAndType(next);
    const { settings, secrets } = parseChannelConfig(
      next.type,
      next.config,
      next.type === current.type ? previous : {},
    );
    return this.channels.update(tenantId, current.id, {
      name: next.name,
      type: next.type,
      isDefault: next.isDefault ?? false,
      settings,
      secrets: this.vault.seal(tenantId, next.name, secrets),
    });
  }

  view(channel: NotificationChannelEntity): NotificationChannel {
    return {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      isDefault: channel.isDefault,
      config: maskedConfig(channel.settings, this.vault.open(channel.tenantId, channel.name, channel.secrets)),
      failing: channel.failingSince !== null,
      failingSince: channel.failingSince?.toISOString() ?? null,
      lastError: channel.lastError,
      createdAt: channel.createdAt.toISOString(),
      updatedAt: channel.updatedAt.toISOString(),
    };
  }
}

function checkNameAndType(input: ChannelInput): void {
  const problems: ConfigProblem[] = [];
  if (typeof input.name !== 'string' || !CHANNEL_NAME_PATTERN.test(input.name)) {
    problems.push({
      field: 'name',
      problems: ['must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit'],
    });
  }
  if (!CHANNEL_TYPES.includes(input.type))
    problems.push({ field: 'type', problems: [`must be one of ${CHANNEL_TYPES.join(', ')}`] });
  if (input.config === null || typeof input.config !== 'object' || Array.isArray(input.config))
    problems.push({ field: 'config', problems: ['must be an object'] });
  if (problems.length > 0) throw new ChannelConfigError(problems);
}
