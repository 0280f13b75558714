import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { SHOP_STORE, type ShopStore } from '../shop.store';
import { customerRegistered, productAdded, productPurchased } from '../testing/shop-facts';
import { openedStore, startShopStoreApp } from '../testing/shop-store.app';
import { runShopStoreContract } from '../testing/shop-store.contract';
import { MongoShopStoreModule } from './mongo-shop-store.module';

// The MongoDB wire server of scripts/services.sh (or MONGO_URL). Each app gets a database of
// its own, `shop_test_<uuid>`, dropped afterwards: the server is shared.
const serverUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

// The suite boots the store on a fresh database of a shared server: give it time.
jest.setTimeout(30_000);

async function start(): Promise<INestApplication> {
  await requireService('mongo', serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/shop_test_${randomUUID().replaceAll('-', '')}`;
  return startShopStoreApp(MongoShopStoreModule, { MONGO_URL: url.toString() });
}

function connection(app: INestApplication): Connection {
  return app.get<Connection>(getConnectionToken());
}

runShopStoreContract('the MongoDB wire server', async () => {
  const app = await start();
  return openedStore(app, async () => {
    await connection(app).dropDatabase();
  });
});

describe('MongoShopStore on the MongoDB wire server', () => {
  let app: INestApplication;
  let store: ShopStore;

  beforeAll(async () => {
    app = await start();
    store = app.get<ShopStore>(SHOP_STORE);
  });

  afterAll(() => openedStore(app, () => connection(app).dropDatabase()).close());

  beforeEach(() => store.clear());

  it('creates the indexes behind each list and the e-mail look-up at start-up', async () => {
    const keys = async (name: string) =>
      (await connection(app).collection(name).indexes()).map((index) => index.key);

    expect(await keys('products')).toEqual(expect.arrayContaining([{ addedAt: -1, _id: -1 }]));
    expect(await keys('customers')).toEqual(
      expect.arrayContaining([{ registeredAt: -1, _id: -1 }, { email: 1 }]),
    );
    expect(await keys('purchases')).toEqual(
      expect.arrayContaining([
        { purchasedAt: -1, _id: -1 },
        { customerId: 1, purchasedAt: -1, _id: -1 },
        { productId: 1, purchasedAt: -1, _id: -1 },
        { status: 1, purchasedAt: -1, _id: -1 },
      ]),
    );
  });

  it('keeps a customer with the owned items embedded, and each purchase in `purchases`', async () => {
    const buyer = customerRegistered();
    const item = productAdded({ stock: 5 });
    await store.registerCustomer(buyer);
    await store.addProduct(item);
    const bought = productPurchased(buyer, item, { quantity: 2 });
    await store.decidePurchase(bought);

    const db = connection(app);
    expect(await db.collection('customers').findOne({ _id: buyer.customerId as never })).toEqual({
      _id: buyer.customerId,
      name: buyer.name,
      email: buyer.email,
      registeredAt: buyer.at,
      owned: [
        {
          purchaseId: bought.purchaseId,
          productId: item.productId,
          productName: item.name,
          unitPrice: item.price,
          quantity: 2,
          purchasedAt: bought.at,
        },
      ],
    });
    expect(await db.collection('products').findOne({ _id: item.productId as never })).toEqual({
      _id: item.productId,
      name: item.name,
      price: item.price,
      stock: 3,
      addedAt: item.at,
      recentPurchases: [bought.purchaseId],
    });
    expect(
      await db.collection('purchases').findOne({ _id: bought.purchaseId as never }),
    ).toMatchObject({ status: 'completed', customerId: buyer.customerId });
  });

  it('completes a purchase redelivered after a crash that came before its purchase document', async () => {
    const buyer = customerRegistered();
    const item = productAdded({ stock: 5 });
    await store.registerCustomer(buyer);
    await store.addProduct(item);
    const bought = productPurchased(buyer, item, { quantity: 2 });
    await store.decidePurchase(bought);
    // The crash: steps (c) and (d) were written, (e) was not.
    await connection(app)
      .collection('purchases')
      .deleteOne({ _id: bought.purchaseId as never });

    expect(await store.decidePurchase(bought)).toEqual({ status: 'completed' });

    expect((await store.getProduct(item.productId))?.stock).toBe(3);
    expect((await store.getCustomer(buyer.customerId))?.owned).toHaveLength(1);
    expect((await store.getPurchase(bought.purchaseId))?.status).toBe('completed');
  });

  it('replays a purchase whose purchase document was lost in a crash: stock and owned item once', async () => {
    const buyer = customerRegistered();
    const item = productAdded({ stock: 5 });
    const bought = productPurchased(buyer, item, { quantity: 2 });
    await store.applyPurchaseOutcome(bought, { status: 'completed' });
    await connection(app)
      .collection('purchases')
      .deleteOne({ _id: bought.purchaseId as never });

    await store.applyPurchaseOutcome(bought, { status: 'completed' });
    await store.registerCustomer(buyer);
    await store.addProduct(item);

    expect((await store.getProduct(item.productId))?.stock).toBe(3);
    expect((await store.getCustomer(buyer.customerId))?.owned).toHaveLength(1);
    expect((await store.getPurchase(bought.purchaseId))?.status).toBe('completed');
  });

  it('replays a batch cut differently after a crash that lost its purchase documents: each purchase once', async () => {
    const [ann, bob] = [customerRegistered(), customerRegistered()];
    const item = productAdded({ stock: 10 });
    const logged = (fact: ReturnType<typeof productPurchased>) =>
      ({ type: 'purchase', fact, outcome: { status: 'completed' } }) as const;
    const first = [productPurchased(ann, item), productPurchased(bob, item, { quantity: 2 })];
    const later = [productPurchased(ann, item, { quantity: 3 }), productPurchased(bob, item)];
    await store.applyLogged(first.map(logged));
    // The crash: steps (c) and (d) were written, (e) was not.
    await connection(app)
      .collection('purchases')
      .deleteMany({ _id: { $in: first.map((fact) => fact.purchaseId) as never[] } });

    // Redelivered in one batch with purchases that never were applied: the product's and the
    // customers' single updates match nothing, so the purchases go one by one.
    await store.applyLogged([...first, ...later].map(logged));
    await store.registerCustomer(ann);
    await store.registerCustomer(bob);
    await store.addProduct(item);

    expect((await store.getProduct(item.productId))?.stock).toBe(10 - 1 - 2 - 3 - 1);
    expect((await store.getCustomer(ann.customerId))?.owned).toHaveLength(2);
    expect((await store.getCustomer(bob.customerId))?.owned).toHaveLength(2);
    expect((await store.listPurchases({ limit: 10, offset: 0 })).total).toBe(4);
  });

  it('remembers only the last 1000 purchases of a product, the oldest dropped first', async () => {
    const buyer = customerRegistered();
    const item = productAdded({ stock: 5 });
    await store.registerCustomer(buyer);
    await store.addProduct(item);
    const products = connection(app).collection('products');
    // A product that took stock for 1000 purchases already (written directly: applying 1000
    // purchases one by one takes too long on the wire server for a test).
    const earlier = Array.from({ length: 1000 }, () => randomUUID());
    await products.updateOne(
      { _id: item.productId as never },
      { $set: { recentPurchases: earlier } },
    );
    const first = productPurchased(buyer, item);
    const second = productPurchased(buyer, item);
    await store.decidePurchase(first);
    await store.applyPurchaseOutcome(second, { status: 'completed' });

    const stored = await products.findOne({ _id: item.productId as never });
    expect(stored?.recentPurchases).toEqual([
      ...earlier.slice(2),
      first.purchaseId,
      second.purchaseId,
    ]);
    expect(stored?.stock).toBe(3);
    expect(await store.getProduct(item.productId)).not.toHaveProperty('recentPurchases');
  });
});
