import { Migration } from '@mikro-orm/migrations';

/**
 * The mail the app sent (the mailbox of the default transport, and a record of SMTP sends),
 * listed newest first. Column types come from the platform: one migration for SQLite and
 * PostgreSQL. `to` and `from` are reserved words, hence always quoted.
 */
export class M310SentMail extends Migration {
  override name = 'M310SentMail';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "sent_mail" (
        "id" ${uuid} not null primary key,
        "message_id" varchar(255) not null,
        "to" varchar(320) not null,
        "from" varchar(320) not null,
        "subject" text not null,
        "text" text not null,
        "html" text null,
        "sent_at" ${timestamp} not null,
        "transport" varchar(16) not null,
        constraint "sent_mail_message_id_unique" unique ("message_id"))`,
    );
    this.addSql('create index if not exists "sent_mail_sent_at_index" on "sent_mail" ("sent_at")');
  }

  override down(): void {
    this.addSql('drop table if exists "sent_mail"');
  }
}
