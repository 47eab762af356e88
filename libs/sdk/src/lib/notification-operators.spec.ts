import { dag, definedDags, email, slack } from '../index';

describe('email() and slack()', () => {
  beforeEach(() => definedDags().splice(0));

  it('serialize their settings, declare their templated fields, and carry SLA channels and callbacks', () => {
    const d = dag('tell', { deadline: '2h', slaChannels: ['ops-mail'], deadlineChannels: ['ops-slack'] }, () => {
      email('mail', {
        to: 'boss@example.com',
        subject: 'Sales {{ ds }}',
        body: 'done',
        channel: 'ops-mail',
        sla: '30m',
        onFailure: ['ops-slack'],
      });
      slack('conversation', { channel: '#data', text: 'loaded {{ ds }}' });
      slack('named', { channel: 'ops-slack', text: 'hi' });
    });
    const s = d.serialize();
    expect([s.slaChannels, s.deadlineChannels, s.deadlineMs]).toEqual([['ops-mail'], ['ops-slack'], 7_200_000]);
    const [mail, conversation, named] = s.tasks;
    expect(mail).toMatchObject({
      operator: 'email',
      config: { to: ['boss@example.com'], subject: 'Sales {{ ds }}', body: 'done', channel: 'ops-mail' },
      slaMs: 1_800_000,
      onFailure: ['ops-slack'],
    });
    expect(mail.templateFields).toEqual(['to', 'subject', 'body']);
    expect(conversation.config).toEqual({ text: 'loaded {{ ds }}', channel: null, slackChannel: '#data' });
    expect(named.config).toEqual({ text: 'hi', channel: 'ops-slack', slackChannel: null });
    expect(named.templateFields).toEqual(['text']);
  });

  it('refuses a mail without a subject and a message without text, naming the task', () => {
    expect(() => dag('bad', {}, () => email('m', { subject: '', body: 'x' }))).toThrow(
      "email('m') needs a non-empty subject",
    );
    expect(() => dag('bad2', {}, () => slack('s', { text: '' }))).toThrow("slack('s') needs a non-empty text");
  });
});
