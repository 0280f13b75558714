import { runShopStoreContract } from '../testing/shop-store.contract';
import { openedStore, startShopStoreApp } from '../testing/shop-store.app';
import { SqlShopStoreModule } from './sql-shop-store.module';

// The embedded default: SQLite, an in-memory database of the suite's own.
runShopStoreContract('SQLite', async () =>
  openedStore(await startShopStoreApp(SqlShopStoreModule, { DATABASE_URL: 'sqlite::memory:' })),
);
