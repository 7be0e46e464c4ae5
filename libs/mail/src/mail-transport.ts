import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';

/** A rendered message, ready for the wire. */
export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** For the log: the tenant and the template, never the body in production. */
  tenant: string;
  template: string;
}

/** Where messages go: an SMTP server, or the log in development. Injectable, so tests and services need no network. */
export abstract class MailTransport {
  abstract deliver(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

/** nodemailer over SMTP (SMTP_URL). A refused or failed delivery throws, and the mail job is retried. */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    super();
    this.transporter = nodemailer.createTransport(url);
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: mail.from,
      replyTo: mail.replyTo,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-Replika-Template': mail.template },
    });
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Without SMTP_URL: each message is written to the log instead of sent, so a
 * developer can follow a reset or invitation link from `npm start`'s output.
 * The recipient is masked; with NODE_ENV=production the body (which holds
 * one-time links) is left out and only the fact of the message is logged.
 */
export class LogMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');

  constructor(private readonly withBody: boolean) {
    super();
  }

  deliver(mail: OutgoingMail): Promise<void> {
    const head = `[${mail.tenant}] ${mail.template} to ${maskAddress(mail.to)}: ${mail.subject}`;
    this.logger.log(this.withBody ? `${head}\n${mail.text}` : `${head} (not sent: SMTP_URL is unset)`);
    return Promise.resolve();
  }

  close(): void {}
}

/** `budi.santoso@example.id` → `b***@example.id`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? '***' : `${address[0]}***${address.slice(at)}`;
}
