import { PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { SHOP_STORE } from '../shop.store';
import { SHOP_SQL_ENTITIES, SHOP_SQL_MIGRATIONS } from './sql-shop.schema';
import { SqlShopStore } from './sql-shop.store';

/**
 * The shop's stores in SQLite (the embedded default) or PostgreSQL, as DATABASE_URL says.
 * It builds the app's one MikroORM instance (`PersistenceModule.forRoot`, which also brings
 * the migrations, the inbox store and the readiness check): the app imports no other.
 */
@Module({
  imports: [
    PersistenceModule.forRoot({ entities: SHOP_SQL_ENTITIES, migrations: SHOP_SQL_MIGRATIONS }),
  ],
  providers: [{ provide: SHOP_STORE, useClass: SqlShopStore }],
  exports: [SHOP_STORE],
})
export class SqlShopStoreModule {}
