import { type OnApplicationShutdown } from '@nestjs/common';
import {
  createTransport,
  type SendMailOptions,
  type SMTPPoolSentMessageInfo,
  type Transporter,
} from 'nodemailer';

/**
 * Waits of one SMTP conversation. Nodemailer's own defaults (2 minutes to connect, 10 of
 * silence) would hold a worker's job far longer than its retry backoff; a query parameter
 * of `SMTP_URL` (`?connectionTimeout=30000`) overrides them.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

/**
 * The app's one nodemailer transporter for `SMTP_URL`: pooled (up to 5 connections, reused
 * from mail to mail, as the error worker may send many), closed when the app shuts down,
 * after the workers have drained.
 */
export class SmtpTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter<SMTPPoolSentMessageInfo>;

  constructor(url: string) {
    this.transporter = createTransport({ url, pool: true, ...SMTP_TIMEOUTS });
  }

  /** Resolves once the server accepted the mail (for at least one recipient). */
  async send(mail: SendMailOptions): Promise<void> {
    await this.transporter.sendMail(mail);
  }

  /** Connects and authenticates on a connection of its own, then hangs up. */
  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
