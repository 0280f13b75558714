import { Logger } from '@nestjs/common';
import { v7 as uuidV7 } from 'uuid';
import type { Mailer, MailMessage, SentMailReceipt } from '../mailer.port';
import { newMessageId } from '../message-id';
import type { SentMailRepository } from '../sent-mail.repository';

/**
 * The default transport (no `SMTP_URL`): nothing leaves the machine; every mail is kept in the
 * app's database, where `GET /api/mail` lists it for a user to read. Sending one Message-ID
 * twice keeps it once.
 */
export class MailboxMailer implements Mailer {
  private readonly logger = new Logger('Mailbox');

  constructor(
    private readonly mailbox: SentMailRepository,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<SentMailReceipt> {
    const messageId = message.messageId ?? newMessageId(this.from);
    const kept = await this.mailbox.record({
      id: uuidV7(),
      messageId,
      to: message.to,
      from: this.from,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      sentAt: new Date(),
      transport: 'mailbox',
    });
    if (kept) this.logger.log(`kept mail ${messageId} to ${message.to} (GET /api/mail)`);
    return { messageId };
  }
}
