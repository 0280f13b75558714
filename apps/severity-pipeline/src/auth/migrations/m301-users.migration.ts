import { Migration } from '@mikro-orm/migrations';

/**
 * The API's users (Django's `auth_user`, reduced to what the API uses). Column types come
 * from the platform, so one migration serves SQLite and PostgreSQL.
 */
export class M301Users extends Migration {
  override name = 'M301Users';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "auth_user" (
        "id" ${uuid} not null primary key,
        "username" varchar(150) not null,
        "password_hash" varchar(255) not null,
        "role" varchar(16) not null check ("role" in ('admin', 'client')),
        "created_at" ${timestamp} not null,
        constraint "auth_user_username_unique" unique ("username"))`,
    );
  }

  override down(): void {
    this.addSql('drop table if exists "auth_user"');
  }
}
