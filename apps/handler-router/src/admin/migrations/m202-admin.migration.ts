import { Migration } from '@mikro-orm/migrations';

/**
 * The admin API's own state (users, roles, their claims) and its outbox. Column types come
 * from the platform, so one migration serves SQLite and PostgreSQL; the outbox's `seq` is
 * `integer primary key` on SQLite (the rowid) and `serial` on PostgreSQL.
 */
export class M202Admin extends Migration {
  override name = 'M202Admin';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    const json = platform.getJsonDeclarationSQL();
    const serial = platform.getIntegerTypeDeclarationSQL({ autoincrement: true });
    this.addSql(
      `create table if not exists "admin_user" (
        "id" ${uuid} not null primary key,
        "username" varchar(150) not null,
        "email" varchar(254) not null,
        "created_at" ${timestamp} not null,
        "updated_at" ${timestamp} not null,
        constraint "admin_user_username_unique" unique ("username"))`,
    );
    this.addSql(
      `create table if not exists "admin_role" (
        "id" ${uuid} not null primary key,
        "name" varchar(100) not null,
        "created_at" ${timestamp} not null,
        "updated_at" ${timestamp} not null,
        constraint "admin_role_name_unique" unique ("name"))`,
    );
    this.addSql(
      `create table if not exists "admin_claim" (
        "id" ${uuid} not null primary key,
        "role_id" ${uuid} not null references "admin_role" ("id") on delete cascade,
        "name" varchar(255) not null,
        "created_at" ${timestamp} not null,
        constraint "admin_claim_role_id_name_unique" unique ("role_id", "name"))`,
    );
    this.addSql(
      `create table if not exists "admin_outbox" (
        "seq" ${serial} not null primary key,
        "topic" varchar(255) not null,
        "envelope" ${json} not null,
        "created_at" ${timestamp} not null)`,
    );
  }

  override down(): void {
    for (const table of ['admin_outbox', 'admin_claim', 'admin_role', 'admin_user']) {
      this.addSql(`drop table if exists "${table}"`);
    }
  }
}
