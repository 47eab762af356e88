import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { createTransport, Transporter } from 'nodemailer';

export interface Mail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header (`<id@host>`); the same one on a re-sent mail lets mail clients show it once. */
  messageId?: string;
}

/** Where a mail goes out: the platform's SMTP server, or a tenant's own (`smtp://user:pass@host:port`, `smtps://…`). */
export interface SmtpSettings {
  url: string;
  from?: string;
}

export class MailDeliveryError extends Error {}

/**
 * Sends mail through nodemailer. One pooled transport per SMTP URL; a failed send throws a
 * MailDeliveryError naming the server's answer, never the credentials in the URL.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transports = new Map<string, Transporter>();

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {}

  async send(mail: Mail, smtp: SmtpSettings = { url: this.config.smtpUrl }): Promise<{ messageId: string }> {
    const transport = this.transportFor(smtp.url);
    try {
      const info = await transport.sendMail({ from: smtp.from ?? this.config.mailFrom, ...mail });
      return { messageId: info.messageId };
    } catch (error) {
      throw new MailDeliveryError(
        `mail to ${[mail.to].flat().join(', ')} was not accepted by ${redactUrl(smtp.url)}: ${(error as Error).message}`,
      );
    }
  }

  onModuleDestroy(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transportFor(url: string): Transporter {
    let transport = this.transports.get(url);
    if (!transport) {
      // A local stand-in or an internal relay rarely has a certificate for its address; STARTTLS is still used when offered.
      transport = createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
        tls: { rejectUnauthorized: false },
      });
      this.transports.set(url, transport);
    }
    return transport;
  }
}

/** An SMTP URL fit for an error message or a log: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(an invalid SMTP URL)';
  }
}
