import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { type INestApplication, Module, type Type } from '@nestjs/common';
import { ShopConfig } from '../../shop.config';
import { SHOP_STORE, type ShopStore } from '../shop.store';
import type { OpenedShopStore } from './shop-store.contract';

/**
 * Boots an adapter's store module (SqlShopStoreModule, MongoShopStoreModule) in the shop's
 * config, migrations or indexes included, with the given environment (`DATABASE_URL` or
 * `MONGO_URL`). Close it with `app.close()`.
 */
export async function startShopStoreApp(
  storeModule: Type,
  env: Record<string, string>,
): Promise<INestApplication> {
  @Module({
    imports: [PlatformModule.forApp({ name: 'shop-store-spec', config: ShopConfig }), storeModule],
  })
  class ShopStoreSpecModule {}
  return createTestApp(ShopStoreSpecModule, env);
}

/** The store of a booted app, closed with the app (and whatever `dropDatabase` does first). */
export function openedStore(
  app: INestApplication,
  dropDatabase: () => Promise<void> = async () => undefined,
): OpenedShopStore {
  return {
    store: app.get<ShopStore>(SHOP_STORE),
    close: async () => {
      try {
        await dropDatabase();
      } finally {
        await app.close();
      }
    },
  };
}
