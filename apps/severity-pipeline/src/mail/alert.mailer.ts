import { Inject, Injectable } from '@nestjs/common';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { buildErrorAlertMail, type ErrorAlertEvent } from './error-alert.mail';
import { MAILER, type Mailer, type SentMailReceipt } from './mailer.port';
import { domainOf } from './message-id';
import { SentMailRepository } from './sent-mail.repository';

export interface ErrorAlertReceipt extends SentMailReceipt {
  /** True when this event's alert had been sent before (a retried job): nothing was sent now. */
  readonly alreadySent: boolean;
}

/**
 * What the error worker calls: `sendErrorAlert(event)` mails `ALERT_EMAIL_TO` about an
 * `error` event, through whichever transport is configured. One alert per event: its
 * Message-ID is derived from the event id, and an alert already in `sent_mail` is not sent
 * again, so a retried job does not mail twice (short of a crash between the SMTP server
 * taking the mail and the record being written).
 */
@Injectable()
export class AlertMailer {
  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly sentMail: SentMailRepository,
    private readonly config: SeverityPipelineConfig,
  ) {}

  async sendErrorAlert(event: ErrorAlertEvent): Promise<ErrorAlertReceipt> {
    const messageId = `<error-alert.${event.id}@${domainOf(this.config.MAIL_FROM)}>`;
    if (await this.sentMail.findByMessageId(messageId)) return { messageId, alreadySent: true };
    const { subject, text } = buildErrorAlertMail(event);
    const receipt = await this.mailer.send({
      to: this.config.ALERT_EMAIL_TO,
      subject,
      text,
      messageId,
    });
    return { ...receipt, alreadySent: false };
  }
}
