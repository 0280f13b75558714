import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { MailTransport } from './mailer.port';

/** A mail the app sent, whichever transport took it: what `GET /api/mail` lists. */
export const SentMailSchema = defineEntity({
  name: 'SentMail',
  tableName: 'sent_mail',
  properties: {
    /** A UUIDv7: in the order the mails were sent, even within one millisecond. */
    id: p.uuid().primary(),
    /** The Message-ID header; unique, so a retried alert is recognised as already sent. */
    messageId: p.string().length(255).unique(),
    to: p.string().length(320),
    from: p.string().length(320),
    subject: p.text(),
    text: p.text(),
    html: p.text().nullable(),
    sentAt: p.datetime(3),
    transport: p.string().$type<MailTransport>().length(16),
  },
});

export type SentMail = InferEntity<typeof SentMailSchema>;
