import { redactUrl } from './mailer';

describe('redactUrl', () => {
  it('masks the password of an SMTP URL and keeps the rest', () => {
    expect(redactUrl('smtps://bob:pw@mail.example.test:465')).toBe('smtps://bob:****@mail.example.test:465');
    expect(redactUrl('smtp://127.0.0.1:1025')).toBe('smtp://127.0.0.1:1025');
  });

  it('never echoes an unparseable URL, which may hold a secret', () => {
    expect(redactUrl('not a url with p4ss')).toBe('(an invalid SMTP URL)');
  });
});
