import { M310SentMail } from './migrations/m310-sent-mail.migration';
import { SentMailSchema } from './sent-mail.entity';

/** Mail's table (`sent_mail`), for `PersistenceModule.forRoot` in the app. */
export const MAIL_ENTITIES = [SentMailSchema];
export const MAIL_MIGRATIONS = [M310SentMail];
