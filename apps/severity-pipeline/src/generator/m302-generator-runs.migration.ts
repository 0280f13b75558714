import { Migration } from '@mikro-orm/migrations';

export class M302GeneratorRuns extends Migration {
  override name = 'M302GeneratorRuns';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "generator_runs" (
        "id" ${uuid} not null primary key,
        "started_at" ${timestamp} not null,
        "duration_ms" integer not null,
        "outcome" varchar(16) not null,
        "event_id" ${uuid} null,
        "status" varchar(16) null,
        "error" text null)`,
    );
    this.addSql(
      'create index if not exists "generator_runs_started_at_index" on "generator_runs" ("started_at")',
    );
  }

  override down(): void {
    this.addSql('drop table if exists "generator_runs"');
  }
}
