import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-for';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID header. */
  messageId: string;
  raw: string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL or a tenant's channel. */
  url: string;
  mails: CapturedMail[];
  /** Rejects every message with a 4xx/5xx until called again with 0: a failing server on demand. */
  failNext(count: number, code?: number): void;
  /** Waits until a mail to `address` whose subject matches arrives; returns it. */
  waitForMail(address: string, subject?: RegExp, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives; on `port`, or any free one. */
export async function startSmtpCapture(port = 0): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  let failures = 0;
  let failureCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error('mailbox temporarily unavailable (test stand-in failing on demand)'), {
            responseCode: failureCode,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              messageId: parsed.messageId ?? '',
              raw,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    mails,
    failNext(count, code = 451) {
      failures = count;
      failureCode = code;
    },
    waitForMail(address, subject, timeoutMs = 15_000) {
      const find = () => mails.find((mail) => mail.to.includes(address) && (!subject || subject.test(mail.subject)));
      return waitFor(
        async () => find(),
        (found) => found !== undefined,
        { timeoutMs, intervalMs: 50, what: `a mail to ${address}${subject ? ` with subject ${subject}` : ''}` },
      ) as Promise<CapturedMail>;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
