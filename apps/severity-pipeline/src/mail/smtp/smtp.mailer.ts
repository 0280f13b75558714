import { Logger } from '@nestjs/common';
import { v7 as uuidV7 } from 'uuid';
import type { NodemailerError } from 'nodemailer';
import { MailDeliveryError } from '../mail-delivery.error';
import type { Mailer, MailMessage, SentMailReceipt } from '../mailer.port';
import { newMessageId } from '../message-id';
import type { SentMailRepository } from '../sent-mail.repository';
import type { SmtpTransport } from './smtp.transport';

/**
 * Sends for real through the SMTP server of `SMTP_URL`, then records the mail in `sent_mail`
 * (transport `smtp`), so `GET /api/mail` lists what left as well. The record is secondary: a
 * mail the server took counts as sent even if recording it fails, since failing would make
 * a retried job send it again.
 */
export class SmtpMailer implements Mailer {
  private readonly logger = new Logger('SmtpMailer');

  constructor(
    private readonly smtp: SmtpTransport,
    private readonly record: SentMailRepository,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<SentMailReceipt> {
    const { to, subject, text, html } = message;
    const messageId = message.messageId ?? newMessageId(this.from);
    await this.smtp
      .send({ messageId, from: this.from, to, subject, text, html })
      .catch((error: unknown) => {
        throw deliveryError(error as NodemailerError, to);
      });
    this.logger.log(`sent mail ${messageId} to ${to} over SMTP`);
    const mail = { messageId, to, from: this.from, subject, text, html: html ?? null };
    await this.record
      .record({ ...mail, id: uuidV7(), sentAt: new Date(), transport: 'smtp' })
      .catch((error: unknown) =>
        this.logger.warn(`sent ${messageId} to ${to} but could not record it: ${String(error)}`),
      );
    return { messageId };
  }
}

/** Nodemailer sets `permanent` from the server's reply: 5xx (but 503) means never. */
function deliveryError(error: NodemailerError, to: string): MailDeliveryError {
  const reason = error.response ?? error.message;
  const message = `SMTP did not take the mail to ${to}: ${reason}`;
  return new MailDeliveryError(message, error.permanent === true, { cause: error });
}
