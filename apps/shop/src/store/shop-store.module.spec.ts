import { PlatformModule, validateConfig } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { Inject, Injectable, type INestApplication, Module } from '@nestjs/common';
import { ShopConfig } from '../shop.config';
import { SHOP_STORE, type ShopStore } from './shop.store';
import { shopStoreBackend, ShopStoreModule } from './shop-store.module';
import { SqlShopStore } from './sql/sql-shop.store';
import { customerRegistered, productAdded, productPurchased } from './testing/shop-facts';

/** A module of the app that injects the store without importing its module. */
@Injectable()
class StoreUser {
  constructor(@Inject(SHOP_STORE) readonly store: ShopStore) {}
}

@Module({ providers: [StoreUser] })
class StoreUserModule {}

describe('the shop store the configuration chooses', () => {
  const config = (env: Record<string, string>) => validateConfig(ShopConfig, env);

  it('is the SQL store by default (SQLite, or PostgreSQL by DATABASE_URL)', () => {
    expect(shopStoreBackend(config({}))).toBe('sql');
    expect(shopStoreBackend(config({ DATABASE_URL: 'postgres://u:p@db:5432/shop' }))).toBe('sql');
  });

  it('is MongoDB when MONGO_URL is set', () => {
    expect(shopStoreBackend(config({ MONGO_URL: 'mongodb://mongo:27017/shop' }))).toBe('mongodb');
  });
});

describe('ShopStoreModule.forBackend("sql")', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Module({
      imports: [
        PlatformModule.forApp({ name: 'shop-store-module-spec', config: ShopConfig }),
        ShopStoreModule.forBackend('sql'),
        StoreUserModule,
      ],
    })
    class AppModule {}
    app = await createTestApp(AppModule, { DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => app.close());

  it('provides SHOP_STORE on migrated tables to every module of the app (global)', async () => {
    const { store } = app.get(StoreUser);
    expect(store).toBeInstanceOf(SqlShopStore);

    const buyer = customerRegistered();
    const item = productAdded({ stock: 1 });
    await store.registerCustomer(buyer);
    await store.addProduct(item);
    expect(await store.decidePurchase(productPurchased(buyer, item))).toEqual({
      status: 'completed',
    });
    expect((await store.getProduct(item.productId))?.stock).toBe(0);
  });
});
