import { Migration } from '@mikro-orm/migrations';
import { BasePostgreSqlPlatform } from '@mikro-orm/sql';
import { EMAIL_LENGTH, ID_LENGTH, NAME_LENGTH, REASON_LENGTH, TIME_LENGTH } from '../shop-columns';

/**
 * The shop's three tables. Times are text as the events carried them (ISO 8601 UTC, which
 * sorts as it reads); the double comes from the platform (PostgreSQL `double precision`,
 * SQLite its own), so one migration serves both. Each index backs one list's order, alone or
 * under its filter; `customers.email` backs the lookup the register command makes.
 *
 * Ids and times sort byte by byte everywhere, as SQLite and MongoDB compare strings: on
 * PostgreSQL they take collation "C", since a database's locale collation may order
 * punctuation and case otherwise, and the adapters must list in the same order.
 */
export class M171ShopStores extends Migration {
  override name = 'M171ShopStores';

  override up(): void {
    const platform = this.driver.getPlatform();
    const double = platform.getDoubleDeclarationSQL();
    const bytewise = platform instanceof BasePostgreSqlPlatform ? ' collate "C"' : '';
    const id = `varchar(${ID_LENGTH})${bytewise}`;
    const time = `varchar(${TIME_LENGTH})${bytewise}`;
    this.addSql(
      `create table if not exists "products" (
        "product_id" ${id} not null primary key,
        "name" varchar(${NAME_LENGTH}) null,
        "price" ${double} null,
        "stock" integer not null,
        "added_at" ${time} null)`,
    );
    this.addSql(
      'create index if not exists "products_added_at_index" on "products" ("added_at", "product_id")',
    );
    this.addSql(
      `create table if not exists "customers" (
        "customer_id" ${id} not null primary key,
        "name" varchar(${NAME_LENGTH}) not null,
        "email" varchar(${EMAIL_LENGTH}) not null,
        "registered_at" ${time} not null)`,
    );
    this.addSql(
      'create index if not exists "customers_registered_at_index" on "customers" ("registered_at", "customer_id")',
    );
    this.addSql('create index if not exists "customers_email_index" on "customers" ("email")');
    this.addSql(
      `create table if not exists "purchases" (
        "purchase_id" ${id} not null primary key,
        "customer_id" ${id} not null,
        "product_id" ${id} not null,
        "product_name" varchar(${NAME_LENGTH}) not null,
        "unit_price" ${double} not null,
        "quantity" integer not null,
        "status" varchar(16) not null,
        "reason" varchar(${REASON_LENGTH}) null,
        "purchased_at" ${time} not null)`,
    );
    const order = '"purchased_at", "purchase_id"';
    this.addSql(
      `create index if not exists "purchases_purchased_at_index" on "purchases" (${order})`,
    );
    for (const column of ['customer_id', 'product_id', 'status']) {
      this.addSql(
        `create index if not exists "purchases_${column}_index" on "purchases" ("${column}", ${order})`,
      );
    }
  }

  override down(): void {
    this.addSql('drop table if exists "purchases"');
    this.addSql('drop table if exists "customers"');
    this.addSql('drop table if exists "products"');
  }
}
