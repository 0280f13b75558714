import { Module } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { AlertMailer } from './alert.mailer';
import { MailController } from './mail.controller';
import { MailboxMailer } from './mailbox/mailbox.mailer';
import { MAILER, type Mailer } from './mailer.port';
import { SentMailRepository } from './sent-mail.repository';
import { SmtpHealthIndicator } from './smtp/smtp.health';
import { SmtpMailer } from './smtp/smtp.mailer';
import { SmtpTransport } from './smtp/smtp.transport';

/**
 * E-mail: the `Mailer` port (under `MAILER`) with the adapter the config picks (the mailbox
 * by default, SMTP with `SMTP_URL`), `AlertMailer` for the error worker, `GET /api/mail`,
 * and the `smtp` readiness check. Its table is in `mail.persistence.ts`.
 */
@Module({
  imports: [TerminusModule],
  controllers: [MailController],
  providers: [
    SentMailRepository,
    // Factories returning null when SMTP_URL is unset: no transport, and no `smtp` check on
    // /health (a check is discovered by the class of the instance a factory returns).
    {
      provide: SmtpTransport,
      inject: [SeverityPipelineConfig],
      useFactory: ({ SMTP_URL }: SeverityPipelineConfig) =>
        SMTP_URL ? new SmtpTransport(SMTP_URL) : null,
    },
    {
      provide: SmtpHealthIndicator,
      inject: [SmtpTransport, HealthIndicatorService],
      useFactory: (smtp: SmtpTransport | null, health: HealthIndicatorService) =>
        smtp ? new SmtpHealthIndicator(smtp, health) : null,
    },
    {
      provide: MAILER,
      inject: [SmtpTransport, SentMailRepository, SeverityPipelineConfig],
      useFactory: (
        smtp: SmtpTransport | null,
        sentMail: SentMailRepository,
        { MAIL_FROM }: SeverityPipelineConfig,
      ): Mailer =>
        smtp ? new SmtpMailer(smtp, sentMail, MAIL_FROM) : new MailboxMailer(sentMail, MAIL_FROM),
    },
    AlertMailer,
  ],
  exports: [MAILER, AlertMailer],
})
export class MailModule {}
