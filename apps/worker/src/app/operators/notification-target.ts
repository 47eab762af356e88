import {
  NotificationChannelEntity,
  NotificationChannelRepository,
  NotificationChannelType,
} from '@updraft/persistence';

/** The tenant channel an email or slack task names, or the tenant's default channel of that type. */
export async function findChannel(
  channels: NotificationChannelRepository,
  tenantId: string,
  type: NotificationChannelType,
  name: string | null,
): Promise<NotificationChannelEntity | string> {
  if (name) {
    const [named] = await channels.byNames(tenantId, [name]);
    if (!named) return `no notification channel named '${name}' exists in this tenant`;
    if (named.type !== type) return `notification channel '${name}' is a ${named.type} channel, not ${type}`;
    return named;
  }
  const fallback = (await channels.defaults(tenantId)).find((c) => c.type === type);
  return fallback ?? `no channel given and the tenant has no default ${type} channel`;
}
