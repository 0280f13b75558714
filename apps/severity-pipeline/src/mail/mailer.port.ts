/** One e-mail to one recipient; `from` is the app's `MAIL_FROM`. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /**
   * The Message-ID to send it under (`<local@domain>`); one is made up when unset. A caller
   * that may send the same mail twice (a retried job) passes a stable one.
   */
  readonly messageId?: string;
}

export interface SentMailReceipt {
  /** The message's Message-ID header, angle brackets included. */
  readonly messageId: string;
}

/**
 * Sends e-mail. Adapters: the mailbox (the default: mail is kept in the `sent_mail` table and
 * listed by `GET /api/mail`) and SMTP through nodemailer when `SMTP_URL` is set (and
 * recorded in `sent_mail` too). Callers inject it with `@Inject(MAILER)` and never name one.
 */
export interface Mailer {
  /** Resolves once the mail is kept (mailbox) or the SMTP server accepted it. */
  send(message: MailMessage): Promise<SentMailReceipt>;
}

/** `Symbol.for` keeps the token identical even if this file is loaded twice (jest, bundles). */
export const MAILER = Symbol.for('severity-pipeline:MAILER');

/** How a mail left: kept in the app's mailbox, or handed to an SMTP server. */
export const MAIL_TRANSPORTS = ['mailbox', 'smtp'] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];
