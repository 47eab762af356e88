import { loadConfig } from '@updraft/config';
import { SmtpCapture, startSmtpCapture } from '@updraft/testing';
import { MailDeliveryError, Mailer } from './mailer';

describe('Mailer (real SMTP server on loopback)', () => {
  let smtp: SmtpCapture;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    mailer = new Mailer({ ...loadConfig(), smtpUrl: smtp.url, mailFrom: 'Updraft <alerts@updraft.test>' });
  });
  afterAll(async () => {
    mailer.onModuleDestroy();
    await smtp.close();
  });

  it('delivers a mail with subject, body and sender', async () => {
    await mailer.send({
      to: ['ops@example.test', 'oncall@example.test'],
      subject: 'SLA missed: etl.load',
      text: 'late by 42 s',
    });
    const mail = await smtp.waitForMail('oncall@example.test', /SLA missed/);
    expect(mail.to).toEqual(['ops@example.test', 'oncall@example.test']);
    expect(mail.from).toBe('alerts@updraft.test');
    expect(mail.text).toContain('late by 42 s');
  });

  it('names the server and its answer when the mail is refused, without the password', async () => {
    smtp.failNext(1, 550);
    const url = smtp.url.replace('smtp://', 'smtp://user:s3cret-pass@');
    const error = await mailer.send({ to: 'ops@example.test', subject: 'x', text: 'y' }, { url }).catch((e) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toMatch(/ops@example\.test.*127\.0\.0\.1/);
    expect(error.message).not.toContain('s3cret-pass');
  });
});
