import type { MongoConfig } from '@app/persistence/mongo';
import { type DynamicModule, Module, type Type } from '@nestjs/common';

type MongoModuleFile = typeof import('./mongo/mongo-shop-store.module');
type SqlModuleFile = typeof import('./sql/sql-shop-store.module');

/** Where the shop's stores are kept: `MONGO_URL` set means MongoDB, otherwise SQL. */
export type ShopStoreBackend = 'mongodb' | 'sql';

export function shopStoreBackend(config: Pick<MongoConfig, 'MONGO_URL'>): ShopStoreBackend {
  return config.MONGO_URL ? 'mongodb' : 'sql';
}

/**
 * Provides SHOP_STORE (global) from the backend's module, which also brings that backend's
 * connection, migrations or indexes, inbox store and readiness check: the app imports no
 * PersistenceModule or MongoModule of its own. The one place the backend is chosen.
 *
 * The module is loaded on demand, so the embedded default never loads mongoose (~17 MB RSS)
 * and a MongoDB deployment never opens a SQLite file.
 */
@Module({})
export class ShopStoreModule {
  static forBackend(backend: ShopStoreBackend): DynamicModule {
    const store = backend === 'mongodb' ? loadMongoModule() : loadSqlModule();
    return { module: ShopStoreModule, global: true, imports: [store], exports: [store] };
  }
}

// `require`, not `import()`: the app is CommonJS, and a relative `import()` would need a
// file extension that neither jest nor the bundler resolves to the TypeScript source.
function loadMongoModule(): Type {
  const loaded = require('./mongo/mongo-shop-store.module') as MongoModuleFile;
  return loaded.MongoShopStoreModule;
}

function loadSqlModule(): Type {
  const loaded = require('./sql/sql-shop-store.module') as SqlModuleFile;
  return loaded.SqlShopStoreModule;
}
