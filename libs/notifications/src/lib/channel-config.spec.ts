import { MASK } from '@updraft/secrets';
import { ChannelConfigError, maskedConfig, parseChannelConfig } from './channel-config';

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ChannelConfigError) return error.details.map((d) => d.field);
    throw error;
  }
  return [];
}

describe('channel config', () => {
  it('splits an email channel into shown settings and its SMTP URL as a secret', () => {
    expect(
      parseChannelConfig('email', { addresses: ['a@example.com'], smtpUrl: 'smtps://u:p@mail.example.com' }),
    ).toEqual({
      settings: { addresses: ['a@example.com'] },
      secrets: { smtpUrl: 'smtps://u:p@mail.example.com' },
    });
  });

  it.each([
    ['no addresses', 'email', {}, ['config.addresses']],
    ['a bad address', 'email', { addresses: ['nope'] }, ['config.addresses']],
    ['an http SMTP URL', 'email', { addresses: ['a@example.com'], smtpUrl: 'http://x' }, ['config.smtpUrl']],
    ['an unknown field', 'email', { addresses: ['a@example.com'], botToken: 'x' }, ['config.botToken']],
    ['no credential', 'slack', { channel: '#ops' }, ['config.botToken']],
    ['a token without a channel', 'slack', { botToken: 'xoxb' }, ['config.channel']],
    [
      'both a token and a webhook',
      'slack',
      { botToken: 'xoxb', channel: '#a', webhookUrl: 'https://hooks.example.com/x' },
      ['config.webhookUrl'],
    ],
  ] as const)('refuses %s, naming the field', (_, type, config, fields) => {
    expect(problemsOf(() => parseChannelConfig(type, { ...config }))).toEqual(fields);
  });

  it('keeps a stored secret sent back masked, and masks secrets when shown', () => {
    const parsed = parseChannelConfig('slack', { botToken: MASK, channel: '#ops' }, { botToken: 'xoxb-stored' });
    expect(parsed.secrets).toEqual({ botToken: 'xoxb-stored' });
    expect(maskedConfig(parsed.settings, parsed.secrets)).toEqual({ channel: '#ops', botToken: MASK });
  });
});
