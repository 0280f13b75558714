import { createEnvelope, type EventEnvelope } from '@app/envelope';
import type { EventPublisher, EventSubscriber } from '@app/transport';
import { waitFor } from '@app/transport/testing';
import { randomUUID } from 'node:crypto';
import { productAdded, productPurchased, SHOP_SOURCE } from '../src/events/shop-event.envelopes';
import { ShopEvents } from '../src/events/shop-events.enum';
import { ShopTopics } from '../src/events/shop-topics.enum';
import type { ReplayReport } from '../src/replay/shop.replay';
import type { Customer, Product, Purchase } from '../src/store/shop.read-models';
import { runShopCli } from '../src/cli/shop-cli';
import type { ShopClient } from './shop.client';

/** The shop under test, however it is deployed. */
export interface ShopUnderTest {
  readonly client: ShopClient;
  readonly publisher: EventPublisher;
  readonly subscriber: EventSubscriber;
  /** True when the log holds nothing but this suite's events (the replay then ends identical). */
  readonly logIsOwn: boolean;
  replay(): Promise<ReplayReport>;
}

const unique = () => randomUUID().slice(0, 8);

async function addedProduct(shop: ShopUnderTest, stock: number, price = 24.99): Promise<Product> {
  const { status, body } = await shop.client.addProduct({
    name: `Kettle ${unique()}`,
    price,
    stock,
  });
  expect(status).toBe(202);
  return shop.client.projected<Product>(`/products/${body.productId}`, 'the product');
}

async function registered(shop: ShopUnderTest, name = 'Ada Lovelace'): Promise<Customer> {
  const email = `ada.${unique()}@example.com`;
  const { status, body } = await shop.client.registerCustomer({ name, email });
  expect(status).toBe(202);
  return shop.client.projected<Customer>(`/customers/${body.customerId}`, 'the customer');
}

async function decided(shop: ShopUnderTest, purchaseId: string): Promise<Purchase> {
  return shop.client.projected<Purchase>(`/purchases/${purchaseId}`, `purchase ${purchaseId}`);
}

/** Everything the stores hold, as the API lists it. */
async function snapshot(shop: ShopUnderTest) {
  const [products, customers, purchases] = await Promise.all([
    shop.client.products(),
    shop.client.customers(),
    shop.client.purchases(),
  ]);
  return { products, customers, purchases };
}

/** Dead letters of the shop's topic, read by a group of the test's own. */
async function deadLetterOf(shop: ShopUnderTest, eventId: string): Promise<EventEnvelope> {
  const seen: EventEnvelope[] = [];
  const subscription = await shop.subscriber.subscribe(
    `${ShopTopics.SHOP_EVENTS}.dlq`,
    async (event) => void seen.push(event),
    { group: `shop-test-dlq-${unique()}` },
  );
  try {
    await waitFor(() => seen.some((event) => event.id === eventId), {
      timeoutMs: 30_000,
      message: `event ${eventId} in ${ShopTopics.SHOP_EVENTS}.dlq`,
    });
    return seen.find((event) => event.id === eventId) as EventEnvelope;
  } finally {
    await subscription.close();
  }
}

/**
 * What the "Done when" asks of the shop on any deployment: commands through the API
 * leave the stores in the expected state; two customers racing for the last unit end with
 * one purchase completed and one rejected with its reason; a duplicated event changes
 * nothing; an event that breaks the rules is dead-lettered, not projected; and replaying the
 * log into empty stores yields identical documents. Run by the embedded e2e suite and by the
 * Kafka + MongoDB integration suite.
 */
export function describeShop(shop: () => ShopUnderTest, timeoutMs = 60_000): void {
  it(
    'projects the seed flow: a product added, a customer registered, a purchase completed',
    async () => {
      const product = await addedProduct(shop(), 3);
      const customer = await registered(shop());
      expect(customer.owned).toEqual([]);

      const { status, body } = await shop().client.purchase({
        customerId: customer.customerId,
        productId: product.productId,
        quantity: 2,
      });
      expect(status).toBe(202);
      const purchase = await decided(shop(), body.purchaseId);
      expect(purchase).toMatchObject({ status: 'completed', quantity: 2, unitPrice: 24.99 });
      expect(purchase.reason).toBeUndefined();

      const owner = (await shop().client.customer(customer.customerId)).body;
      expect(owner.owned).toEqual([
        expect.objectContaining({
          purchaseId: body.purchaseId,
          productId: product.productId,
          productName: product.name,
          quantity: 2,
        }),
      ]);
      expect((await shop().client.product(product.productId)).body.stock).toBe(1);
    },
    timeoutMs,
  );

  it(
    "leaves the stores as expected after the CLI's make-products and make-customers and purchases through the API",
    async () => {
      const cli = async (...argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const io = {
          out: (line: string) => void out.push(line),
          err: (line: string) => void err.push(line),
          env: { SHOP_URL: shop().client.baseUrl },
        };
        const code = await runShopCli(argv, io);
        expect({ code, err: err.filter((line) => /error|refused|cannot/i.test(line)) }).toEqual({
          code: 0,
          err: [],
        });
        return out;
      };
      const seed = String(Math.floor(Math.random() * 1_000_000));
      const productLines = await cli('make-products', '--count', '3', '--seed', seed);
      const customerLines = await cli('make-customers', '--count', '2', '--seed', seed);
      const ids = (lines: string[]) =>
        lines.flatMap(
          (line) => line.match(/^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}(?=\s)/) ?? [],
        );
      const productIds = ids(productLines);
      const customerIds = ids(customerLines);
      expect([productIds.length, customerIds.length]).toEqual([3, 2]);

      const products = await Promise.all(
        productIds.map((id) => shop().client.projected<Product>(`/products/${id}`, 'a product')),
      );
      const customers = await Promise.all(
        customerIds.map((id) =>
          shop().client.projected<Customer>(`/customers/${id}`, 'a customer'),
        ),
      );
      const [product] = products.filter((candidate) => candidate.stock >= 1);
      const [buyer] = customers;
      const { body } = await shop().client.purchase({
        customerId: buyer.customerId,
        productId: product.productId,
      });
      expect(await decided(shop(), body.purchaseId)).toMatchObject({ status: 'completed' });

      expect((await shop().client.product(product.productId)).body.stock).toBe(product.stock - 1);
      const owned = (await shop().client.customer(buyer.customerId)).body.owned;
      expect(owned.map((item) => [item.productId, item.unitPrice])).toEqual([
        [product.productId, product.price],
      ]);
      const listed = await cli('list-customers', '--limit', '100');
      expect(listed.some((line) => line.startsWith(buyer.customerId))).toBe(true);
    },
    timeoutMs,
  );

  it(
    'refuses bad commands with the field and the reason, publishing nothing',
    async () => {
      const product = await addedProduct(shop(), 1);
      const customer = await registered(shop());
      const bad = await shop().client.addProduct({ name: 'Kettle', price: -1, stock: 1 });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('price');

      const unknown = await shop().client.purchase({
        customerId: randomUUID(),
        productId: product.productId,
      });
      expect(unknown.status).toBe(404);
      expect(JSON.stringify(unknown.body)).toContain('customer');

      const tooMany = await shop().client.purchase({
        customerId: customer.customerId,
        productId: product.productId,
        quantity: 2,
      });
      expect(tooMany.status).toBe(409);
      expect(JSON.stringify(tooMany.body)).toContain('out of stock: 1 left, 2 asked');

      const taken = await shop().client.registerCustomer({ name: 'Ada', email: customer.email });
      expect(taken.status).toBe(409);
    },
    timeoutMs,
  );

  it(
    'lets one of two customers racing for the last unit buy it, and rejects the other with the reason',
    async () => {
      const product = await addedProduct(shop(), 1);
      const [ada, grace] = await Promise.all([
        registered(shop(), 'Ada Lovelace'),
        registered(shop(), 'Grace Hopper'),
      ]);
      // Both commands saw 1 left (two API processes checking at the same moment), so both
      // events are published: the projector decides. Through one API the second command
      // would usually see the first one projected already and answer 409.
      const events = [ada, grace].map((customer) =>
        productPurchased({
          purchaseId: randomUUID(),
          customerId: customer.customerId,
          productId: product.productId,
          productName: product.name,
          unitPrice: product.price,
          quantity: 1,
        }),
      );
      await Promise.all(
        events.map((event) => shop().publisher.publish(ShopTopics.SHOP_EVENTS, event)),
      );
      const purchases = await Promise.all(events.map((event) => decided(shop(), event.id)));
      const statuses = purchases.map((purchase) => purchase.status).sort();
      expect(statuses).toEqual(['completed', 'rejected']);
      const rejected = purchases.find((purchase) => purchase.status === 'rejected') as Purchase;
      expect(rejected.reason).toBe(`product ${product.productId} is out of stock: 0 left, 1 asked`);
      expect((await shop().client.product(product.productId)).body.stock).toBe(0);

      const owners = await Promise.all(
        [ada, grace].map(async ({ customerId }) => (await shop().client.customer(customerId)).body),
      );
      expect(owners.map((owner) => owner.owned.length).sort((a, b) => a - b)).toEqual([0, 1]);
    },
    timeoutMs,
  );

  it(
    'changes nothing when the same event comes twice',
    async () => {
      const productId = randomUUID();
      const added = productAdded({ productId, name: `Mug ${unique()}`, price: 9.5, stock: 5 });
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, [added, added]);
      await shop().client.projected<Product>(`/products/${productId}`, 'the product');

      const customer = await registered(shop());
      const bought = productPurchased({
        purchaseId: randomUUID(),
        customerId: customer.customerId,
        productId,
        productName: added.data.name,
        unitPrice: 9.5,
        quantity: 2,
      });
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, bought);
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, bought);
      await decided(shop(), bought.id);
      // A marker behind both copies on the customer's partition: once it is projected, so is
      // the second copy.
      const marker = productPurchased({ ...bought.data, purchaseId: randomUUID(), quantity: 1 });
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, marker);
      await decided(shop(), marker.id);

      expect((await shop().client.product(productId)).body.stock).toBe(5 - 2 - 1);
      const owner = (await shop().client.customer(customer.customerId)).body;
      expect(owner.owned.map((item) => item.purchaseId)).toEqual([bought.id, marker.id]);
    },
    timeoutMs,
  );

  it(
    'dead-letters an event that breaks the rules, with its error, and projects nothing of it',
    async () => {
      const productId = randomUUID();
      const broken = createEnvelope({
        source: SHOP_SOURCE,
        type: ShopEvents.PRODUCT_ADDED,
        subject: productId,
        data: { productId, name: 'Free kettle', price: 0, stock: 1 },
      });
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, broken);
      const dead = await deadLetterOf(shop(), broken.id);
      expect(JSON.stringify(dead)).toContain('price');
      expect((await shop().client.product(productId)).status).toBe(404);
    },
    timeoutMs,
  );

  it(
    'rebuilds identical stores by replaying the log into empty ones',
    async () => {
      // A little of everything, so the log holds every event type.
      const product = await addedProduct(shop(), 1);
      const [ada, grace] = await Promise.all([registered(shop()), registered(shop())]);
      const events = [ada, grace].map(({ customerId }) =>
        productPurchased({
          purchaseId: randomUUID(),
          customerId,
          productId: product.productId,
          productName: product.name,
          unitPrice: product.price,
          quantity: 1,
        }),
      );
      await shop().publisher.publish(ShopTopics.SHOP_EVENTS, events);
      await Promise.all(events.map((event) => decided(shop(), event.id)));

      const before = await snapshot(shop());
      expect(before.purchases.items.some((purchase) => purchase.status === 'rejected')).toBe(true);
      const report = await shop().replay();
      const after = await snapshot(shop());

      // Every document is back as it was. A log shared with earlier runs (Kafka in the
      // integration suite) may bring back older ones too, listed after these newest ones.
      for (const list of ['products', 'customers', 'purchases'] as const) {
        expect(after[list].items.slice(0, before[list].items.length)).toEqual(before[list].items);
        expect(after[list].total).toBeGreaterThanOrEqual(before[list].total);
      }
      if (shop().logIsOwn) expect(after).toEqual(before);
      expect(report.rejectedPurchases).toBeGreaterThanOrEqual(1);
      expect(report.skipped).toBeGreaterThanOrEqual(0);
      expect(report.projected).toBeGreaterThanOrEqual(before.purchases.total);
    },
    timeoutMs * 2,
  );
}
