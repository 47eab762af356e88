import type { NotificationChannelType } from '@updraft/persistence';
import { MASK } from '@updraft/secrets';

/** What an email channel shows: where mail goes and, optionally, its sender. */
export interface EmailSettings {
  addresses: string[];
  from?: string;
}

/** What a Slack channel shows: the conversation a bot token posts to. */
export interface SlackSettings {
  channel?: string;
}

/** What is encrypted at rest and shown only as MASK: an own SMTP server's URL, a bot token, a webhook URL. */
export interface ChannelSecrets {
  smtpUrl?: string;
  botToken?: string;
  webhookUrl?: string;
  /** The Slack app's signing secret: Slack's requests to the interactivity endpoint (approval buttons) are verified with it. */
  signingSecret?: string;
}

export interface ParsedChannelConfig {
  settings: Record<string, unknown>;
  secrets: ChannelSecrets;
}

export interface ConfigProblem {
  field: string;
  problems: string[];
}

export class ChannelConfigError extends Error {
  constructor(readonly details: ConfigProblem[]) {
    super(details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '));
  }
}

export const CHANNEL_TYPES: readonly NotificationChannelType[] = ['email', 'slack'];
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const EMAIL_PATTERN = /^[^\s@<>]+@[^\s@<>]+$/;
const SECRET_FIELDS: Record<NotificationChannelType, (keyof ChannelSecrets)[]> = {
  email: ['smtpUrl'],
  slack: ['botToken', 'webhookUrl', 'signingSecret'],
};
const SETTING_FIELDS: Record<NotificationChannelType, string[]> = { email: ['addresses', 'from'], slack: ['channel'] };

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Checks a channel's `config` for its type and splits it into shown settings and secrets. A secret
 * given as MASK (as every response shows it) keeps the value already stored in `previous`.
 */
export function parseChannelConfig(
  type: NotificationChannelType,
  config: Record<string, unknown>,
  previous: ChannelSecrets = {},
): ParsedChannelConfig {
  const problems: ConfigProblem[] = [];
  const fail = (field: string, problem: string) => problems.push({ field: `config.${field}`, problems: [problem] });
  for (const key of Object.keys(config)) {
    if (![...SETTING_FIELDS[type], ...SECRET_FIELDS[type]].includes(key as never))
      fail(
        key,
        `is not a setting of a ${type} channel (expected ${[...SETTING_FIELDS[type], ...SECRET_FIELDS[type]].join(', ')})`,
      );
  }
  const secrets: ChannelSecrets = {};
  for (const field of SECRET_FIELDS[type]) {
    const value = config[field];
    if (value === MASK) {
      if (previous[field]) secrets[field] = previous[field];
    } else if (value !== undefined && value !== null && value !== '') {
      if (typeof value !== 'string') fail(field, 'must be a string');
      else secrets[field] = value;
    }
  }
  const settings: Record<string, unknown> = {};
  if (type === 'email') {
    const addresses = config['addresses'];
    if (!Array.isArray(addresses) || addresses.length === 0)
      fail('addresses', 'must be a non-empty list of email addresses');
    else if (addresses.some((a) => typeof a !== 'string' || !EMAIL_PATTERN.test(a)))
      fail(
        'addresses',
        `must all be email addresses (got ${addresses
          .filter((a) => typeof a !== 'string' || !EMAIL_PATTERN.test(a))
          .map(String)
          .join(', ')})`,
      );
    else settings['addresses'] = addresses;
    if (config['from'] !== undefined) {
      if (typeof config['from'] !== 'string' || config['from'].length === 0) fail('from', 'must be a sender address');
      else settings['from'] = config['from'];
    }
    if (secrets.smtpUrl && !isUrl(secrets.smtpUrl, ['smtp:', 'smtps:']))
      fail('smtpUrl', 'must be an smtp:// or smtps:// URL');
  } else {
    if (config['channel'] !== undefined) {
      if (typeof config['channel'] !== 'string' || config['channel'].length === 0)
        fail('channel', 'must be a Slack channel name or id');
      else settings['channel'] = config['channel'];
    }
    if (!secrets.botToken && !secrets.webhookUrl)
      fail('botToken', 'a Slack channel needs a botToken (with channel) or a webhookUrl');
    if (secrets.botToken && secrets.webhookUrl) fail('webhookUrl', 'give either botToken or webhookUrl, not both');
    if (secrets.botToken && !settings['channel']) fail('channel', 'is required with a botToken');
    if (secrets.webhookUrl && !isUrl(secrets.webhookUrl, ['https:', 'http:']))
      fail('webhookUrl', 'must be an http(s) URL');
  }
  if (problems.length > 0) throw new ChannelConfigError(problems);
  return { settings, secrets };
}

/** A channel's config as every response and log shows it: settings in full, secrets as MASK. */
export function maskedConfig(settings: Record<string, unknown>, secrets: ChannelSecrets): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...settings };
  for (const [field, value] of Object.entries(secrets)) if (value) shown[field] = MASK;
  return shown;
}
