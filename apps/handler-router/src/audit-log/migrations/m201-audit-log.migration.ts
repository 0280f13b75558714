import { Migration } from '@mikro-orm/migrations';

/** The audit log, with indexes for its filters (entity, user, action, type, time). */
export class M201AuditLog extends Migration {
  override name = 'M201AuditLog';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    const json = platform.getJsonDeclarationSQL();
    this.addSql(
      `create table if not exists "audit_log" (
        "id" ${uuid} not null primary key,
        "action" varchar(16) not null,
        "user_id" varchar(255) not null,
        "description" text not null,
        "entity_name" varchar(255) not null,
        "new_value" ${json} not null,
        "event_id" varchar(255) not null,
        "topic" varchar(255) not null,
        "event_type" varchar(255) not null,
        "occurred_at" ${timestamp} not null,
        "recorded_at" ${timestamp} not null)`,
    );
    for (const column of ['occurred_at', 'entity_name', 'user_id', 'event_type', 'event_id']) {
      this.addSql(
        `create index if not exists "audit_log_${column}_index" on "audit_log" ("${column}")`,
      );
    }
  }

  override down(): void {
    this.addSql('drop table if exists "audit_log"');
  }
}
