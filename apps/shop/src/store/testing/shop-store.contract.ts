import type {
  CustomerRegistered,
  ProductAdded,
  ProductPurchased,
} from '../../events/shop-event.data';
import type { Customer, OwnedItem, Product, Purchase } from '../shop.read-models';
import type { At, LoggedFact, PurchaseOutcome, ShopStore } from '../shop.store';
import {
  customerRegistered,
  minute,
  orderedIds,
  productAdded,
  productPurchased,
} from './shop-facts';

/** A store opened once for a suite, on a database of its own, and how to close it. */
export interface OpenedShopStore {
  readonly store: ShopStore;
  /** Closes the store and drops its database. */
  close(): Promise<void>;
}

/* What each read model must be for the facts given: plain objects, no key left undefined. */

function product(fact: At<ProductAdded>, stock = fact.stock): Product {
  return {
    productId: fact.productId,
    name: fact.name,
    price: fact.price,
    stock,
    addedAt: fact.at,
  };
}

function customer(fact: At<CustomerRegistered>, owned: readonly OwnedItem[] = []): Customer {
  return {
    customerId: fact.customerId,
    name: fact.name,
    email: fact.email,
    registeredAt: fact.at,
    owned,
  };
}

function owned(fact: At<ProductPurchased>): OwnedItem {
  return {
    purchaseId: fact.purchaseId,
    productId: fact.productId,
    productName: fact.productName,
    unitPrice: fact.unitPrice,
    quantity: fact.quantity,
    purchasedAt: fact.at,
  };
}

function purchase(fact: At<ProductPurchased>, outcome: PurchaseOutcome): Purchase {
  return {
    purchaseId: fact.purchaseId,
    customerId: fact.customerId,
    productId: fact.productId,
    productName: fact.productName,
    unitPrice: fact.unitPrice,
    quantity: fact.quantity,
    purchasedAt: fact.at,
    ...outcome,
  };
}

const COMPLETED: PurchaseOutcome = { status: 'completed' };
const ALL = { limit: 100, offset: 0 };

/**
 * What every ShopStore adapter promises (shop.store.ts), on each database it supports. The
 * store is opened once; every case starts from `clear()`. Read models are compared with
 * `toStrictEqual`, so an adapter's bookkeeping (`_id`, idempotency windows, undefined keys,
 * class instances) fails the suite: two adapters fed the same facts return equal objects.
 */
export function runShopStoreContract(
  name: string,
  makeStore: () => Promise<OpenedShopStore>,
): void {
  describe(`ShopStore on ${name}`, () => {
    let opened: OpenedShopStore | undefined;
    let store: ShopStore;

    beforeAll(async () => {
      opened = await makeStore();
      store = opened.store;
    });

    afterAll(() => opened?.close());

    beforeEach(() => store.clear());

    /** A customer and a product, both in the stores. */
    async function shopWith(stock: number) {
      const buyer = customerRegistered();
      const item = productAdded({ stock });
      await store.registerCustomer(buyer);
      await store.addProduct(item);
      return { buyer, item };
    }

    describe('products', () => {
      it('reads a product back as added: name, price and stock exactly, addedAt as given', async () => {
        const mug = productAdded({ name: 'Kubek "Zażółć" \\ 300 ml', price: 999_999.99 });
        const pin = productAdded({ price: 0.01, stock: 0, at: '2038-01-19T03:14:08.123Z' });
        await store.addProduct(mug);
        await store.addProduct(pin);

        expect(await store.getProduct(mug.productId)).toStrictEqual(product(mug));
        expect(await store.getProduct(pin.productId)).toStrictEqual(product(pin));
      });

      it('knows no product that was never added', async () => {
        expect(await store.getProduct(productAdded().productId)).toBeUndefined();
      });

      it('adds a product once: a second PRODUCT_ADDED changes nothing, the stock is not doubled', async () => {
        const mug = productAdded({ stock: 5 });
        await store.addProduct(mug);
        await store.addProduct(mug);
        await store.addProduct({ ...mug, name: 'renamed', price: 1, stock: 7, at: minute(9) });

        expect(await store.getProduct(mug.productId)).toStrictEqual(product(mug));
        expect(await store.listProducts(ALL)).toStrictEqual({ items: [product(mug)], total: 1 });
      });

      it('lists products newest first, by addedAt then productId, a page at a time with the total', async () => {
        const [a, b] = orderedIds(2);
        const oldest = productAdded({ at: minute(1) });
        const tiedLow = productAdded({ productId: a, at: minute(2) });
        const tiedHigh = productAdded({ productId: b, at: minute(2) });
        const newest = productAdded({ at: minute(3) });
        // Added out of order: no store may rely on the order of insertion.
        for (const fact of [tiedLow, newest, oldest, tiedHigh]) await store.addProduct(fact);

        expect(await store.listProducts(ALL)).toStrictEqual({
          items: [newest, tiedHigh, tiedLow, oldest].map((fact) => product(fact)),
          total: 4,
        });
        expect(await store.listProducts({ limit: 2, offset: 1 })).toStrictEqual({
          items: [product(tiedHigh), product(tiedLow)],
          total: 4,
        });
        expect(await store.listProducts({ limit: 2, offset: 4 })).toStrictEqual({
          items: [],
          total: 4,
        });
      });
    });

    describe('customers', () => {
      it('reads a customer back as registered, owning nothing', async () => {
        const ada = customerRegistered({ name: 'Ada "Łucja" Lovelace' });
        await store.registerCustomer(ada);

        expect(await store.getCustomer(ada.customerId)).toStrictEqual(customer(ada));
        expect(await store.getCustomer(customerRegistered().customerId)).toBeUndefined();
      });

      it('finds a customer by e-mail, as stored', async () => {
        const ada = customerRegistered();
        await store.registerCustomer(ada);
        await store.registerCustomer(customerRegistered());

        expect(await store.findCustomerByEmail(ada.email)).toStrictEqual(customer(ada));
        expect(await store.findCustomerByEmail('nobody@example.com')).toBeUndefined();
      });

      it('registers a customer once: a second CUSTOMER_REGISTERED changes nothing', async () => {
        const ada = customerRegistered();
        await store.registerCustomer(ada);
        await store.registerCustomer(ada);
        await store.registerCustomer({
          ...ada,
          name: 'other',
          email: 'o@example.com',
          at: minute(9),
        });

        expect(await store.getCustomer(ada.customerId)).toStrictEqual(customer(ada));
        expect(await store.findCustomerByEmail('o@example.com')).toBeUndefined();
        expect(await store.listCustomers(ALL)).toStrictEqual({ items: [customer(ada)], total: 1 });
      });

      it('lists customers newest first, by registeredAt then customerId, a page at a time with the total', async () => {
        const [a, b] = orderedIds(2);
        const oldest = customerRegistered({ at: minute(1) });
        const tiedLow = customerRegistered({ customerId: a, at: minute(2) });
        const tiedHigh = customerRegistered({ customerId: b, at: minute(2) });
        const newest = customerRegistered({ at: minute(3) });
        for (const fact of [tiedHigh, oldest, newest, tiedLow]) await store.registerCustomer(fact);

        expect(await store.listCustomers(ALL)).toStrictEqual({
          items: [newest, tiedHigh, tiedLow, oldest].map((fact) => customer(fact)),
          total: 4,
        });
        expect(await store.listCustomers({ limit: 1, offset: 3 })).toStrictEqual({
          items: [customer(oldest)],
          total: 4,
        });
      });

      it('lists each customer with their owned items', async () => {
        const { buyer, item } = await shopWith(5);
        const other = customerRegistered({ at: minute(1) });
        await store.registerCustomer(other);
        const bought = productPurchased(buyer, item, { quantity: 2 });
        await store.decidePurchase(bought);

        expect(await store.listCustomers(ALL)).toStrictEqual({
          items: [customer(other), customer(buyer, [owned(bought)])],
          total: 2,
        });
        expect(await store.findCustomerByEmail(buyer.email)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
      });
    });

    describe('decidePurchase (live)', () => {
      it('completes a purchase: stock down, the item owned by the customer, the purchase recorded completed', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2, unitPrice: 17.5 });

        expect(await store.decidePurchase(bought)).toStrictEqual(COMPLETED);

        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 3));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, COMPLETED),
        );
      });

      it('sells the last units, down to a stock of 0', async () => {
        const { buyer, item } = await shopWith(3);
        const bought = productPurchased(buyer, item, { quantity: 3 });

        expect(await store.decidePurchase(bought)).toStrictEqual(COMPLETED);
        expect((await store.getProduct(item.productId))?.stock).toBe(0);
      });

      it('rejects a purchase of more units than are left, naming the product, the units left and asked; nothing else changes', async () => {
        const { buyer, item } = await shopWith(1);
        const bought = productPurchased(buyer, item, { quantity: 2 });
        const rejected = {
          status: 'rejected',
          reason: `product ${item.productId} is out of stock: 1 left, 2 asked`,
        } as const;

        expect(await store.decidePurchase(bought)).toStrictEqual(rejected);

        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, rejected),
        );
        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 1));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(customer(buyer));
      });

      it('rejects a purchase of a product that does not exist', async () => {
        const buyer = customerRegistered();
        await store.registerCustomer(buyer);
        const bought = productPurchased(buyer, productAdded());
        const rejected = {
          status: 'rejected',
          reason: `product ${bought.productId} does not exist`,
        } as const;

        expect(await store.decidePurchase(bought)).toStrictEqual(rejected);

        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, rejected),
        );
        expect(await store.getProduct(bought.productId)).toBeUndefined();
        expect(await store.listProducts(ALL)).toStrictEqual({ items: [], total: 0 });
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(customer(buyer));
      });

      it('rejects a purchase by a customer who does not exist', async () => {
        const item = productAdded({ stock: 5 });
        await store.addProduct(item);
        const bought = productPurchased(customerRegistered(), item);
        const rejected = {
          status: 'rejected',
          reason: `customer ${bought.customerId} does not exist`,
        } as const;

        expect(await store.decidePurchase(bought)).toStrictEqual(rejected);

        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, rejected),
        );
        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 5));
        expect(await store.getCustomer(bought.customerId)).toBeUndefined();
        expect(await store.listCustomers(ALL)).toStrictEqual({ items: [], total: 0 });
      });

      it('returns the first outcome when the same purchase comes again, and takes the stock once', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2 });

        expect(await store.decidePurchase(bought)).toStrictEqual(COMPLETED);
        expect(await store.decidePurchase(bought)).toStrictEqual(COMPLETED);

        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 3));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
        expect(await store.listPurchases(ALL)).toStrictEqual({
          items: [purchase(bought, COMPLETED)],
          total: 1,
        });
      });

      it('returns the first rejection when a rejected purchase comes again', async () => {
        const { buyer, item } = await shopWith(1);
        const bought = productPurchased(buyer, item, { quantity: 2 });
        const first = await store.decidePurchase(bought);

        expect(first.status).toBe('rejected');
        expect(await store.decidePurchase(bought)).toStrictEqual(first);
        expect(await store.listPurchases(ALL)).toStrictEqual({
          items: [purchase(bought, first)],
          total: 1,
        });
      });

      it('takes the stock once when the same purchase is decided twice at the same time', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2 });

        const outcomes = await Promise.all([
          store.decidePurchase(bought),
          store.decidePurchase(bought),
        ]);

        expect(outcomes).toStrictEqual([COMPLETED, COMPLETED]);
        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 3));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
      });

      it('lets exactly one of two customers racing for the last unit win; the stock ends at 0', async () => {
        const { buyer, item } = await shopWith(1);
        const rival = customerRegistered();
        await store.registerCustomer(rival);
        const mine = productPurchased(buyer, item);
        const theirs = productPurchased(rival, item);

        const outcomes = await Promise.all([
          store.decidePurchase(mine),
          store.decidePurchase(theirs),
        ]);

        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['completed', 'rejected']);
        expect(outcomes).toContainEqual({
          status: 'rejected',
          reason: `product ${item.productId} is out of stock: 0 left, 1 asked`,
        });
        expect((await store.getProduct(item.productId))?.stock).toBe(0);
        const owners = await Promise.all(
          [buyer, rival].map(async (who) => (await store.getCustomer(who.customerId))?.owned),
        );
        expect(owners.flat()).toHaveLength(1);
      });

      it('completes exactly 5 of 20 concurrent purchases of a stock of 5, never going below 0', async () => {
        const { item } = await shopWith(5);
        const buyers = Array.from({ length: 20 }, () => customerRegistered());
        for (const buyer of buyers) await store.registerCustomer(buyer);

        const outcomes = await Promise.all(
          buyers.map((buyer) => store.decidePurchase(productPurchased(buyer, item))),
        );

        expect(outcomes.filter((outcome) => outcome.status === 'completed')).toHaveLength(5);
        expect((await store.getProduct(item.productId))?.stock).toBe(0);
        const completed = await store.listPurchases({ ...ALL, status: 'completed' });
        expect(completed.total).toBe(5);
        expect((await store.listPurchases({ ...ALL, status: 'rejected' })).total).toBe(15);
      });

      it('lists a customer’s owned items oldest first, by purchasedAt then purchaseId', async () => {
        const { buyer, item } = await shopWith(10);
        const [a, b] = orderedIds(2);
        const late = productPurchased(buyer, item, { at: minute(30) });
        const tiedHigh = productPurchased(buyer, item, { purchaseId: b, at: minute(20) });
        const tiedLow = productPurchased(buyer, item, { purchaseId: a, at: minute(20) });
        const early = productPurchased(buyer, item, { at: minute(10) });
        for (const fact of [late, tiedHigh, early, tiedLow]) await store.decidePurchase(fact);

        expect((await store.getCustomer(buyer.customerId))?.owned).toStrictEqual(
          [early, tiedLow, tiedHigh, late].map(owned),
        );
      });
    });

    describe('applyPurchaseOutcome (replay)', () => {
      it('applies a completed purchase without deciding again', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2 });

        await store.applyPurchaseOutcome(bought, COMPLETED);

        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 3));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, COMPLETED),
        );
      });

      it('keeps a completed purchase of a product not added yet as a placeholder, unseen until PRODUCT_ADDED completes it', async () => {
        const buyer = customerRegistered();
        await store.registerCustomer(buyer);
        const item = productAdded({ stock: 5 });
        const first = productPurchased(buyer, item, { quantity: 2 });
        const second = productPurchased(buyer, item, { quantity: 1, at: minute(11) });

        await store.applyPurchaseOutcome(first, COMPLETED);
        await store.applyPurchaseOutcome(second, COMPLETED);

        expect(await store.getProduct(item.productId)).toBeUndefined();
        expect(await store.listProducts(ALL)).toStrictEqual({ items: [], total: 0 });
        expect((await store.getCustomer(buyer.customerId))?.owned).toStrictEqual([
          owned(first),
          owned(second),
        ]);

        await store.addProduct(item);
        await store.addProduct(item);

        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 2));
        expect(await store.listProducts(ALL)).toStrictEqual({
          items: [product(item, 2)],
          total: 1,
        });
      });

      it('a placeholder is no product to buy live', async () => {
        const buyer = customerRegistered();
        await store.registerCustomer(buyer);
        const item = productAdded();
        await store.applyPurchaseOutcome(productPurchased(buyer, item), COMPLETED);
        const bought = productPurchased(buyer, item);

        expect(await store.decidePurchase(bought)).toStrictEqual({
          status: 'rejected',
          reason: `product ${item.productId} does not exist`,
        });
      });

      it('applies a completed purchase of a customer not registered yet: the item shows once they are', async () => {
        const item = productAdded({ stock: 5 });
        await store.addProduct(item);
        const buyer = customerRegistered();
        const bought = productPurchased(buyer, item);

        await store.applyPurchaseOutcome(bought, COMPLETED);

        expect(await store.getCustomer(buyer.customerId)).toBeUndefined();
        expect(await store.listCustomers(ALL)).toStrictEqual({ items: [], total: 0 });
        expect(await store.findCustomerByEmail(buyer.email)).toBeUndefined();

        await store.registerCustomer(buyer);
        await store.registerCustomer(buyer);

        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
        expect(await store.listCustomers(ALL)).toStrictEqual({
          items: [customer(buyer, [owned(bought)])],
          total: 1,
        });
      });

      it('records a rejected purchase with its reason and takes no stock', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2 });
        const rejected = {
          status: 'rejected',
          reason: `product ${item.productId} is out of stock: 1 left, 2 asked`,
        } as const;

        await store.applyPurchaseOutcome(bought, rejected);

        expect(await store.getPurchase(bought.purchaseId)).toStrictEqual(
          purchase(bought, rejected),
        );
        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 5));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(customer(buyer));
      });

      it('changes nothing when the same outcome is applied twice', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item, { quantity: 2 });
        const refused = productPurchased(buyer, item, { at: minute(12) });
        const rejected = { status: 'rejected', reason: 'product is out of stock' } as const;

        await store.applyPurchaseOutcome(bought, COMPLETED);
        await store.applyPurchaseOutcome(bought, COMPLETED);
        await store.applyPurchaseOutcome(refused, rejected);
        await store.applyPurchaseOutcome(refused, rejected);

        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 3));
        expect(await store.getCustomer(buyer.customerId)).toStrictEqual(
          customer(buyer, [owned(bought)]),
        );
        expect(await store.listPurchases(ALL)).toStrictEqual({
          items: [purchase(refused, rejected), purchase(bought, COMPLETED)],
          total: 2,
        });
      });

      it('ends in the same state as live decisions, whatever the order of the facts', async () => {
        const { buyer, item } = await shopWith(2);
        const first = productPurchased(buyer, item, { at: minute(10) });
        const second = productPurchased(buyer, item, { at: minute(11) });
        const third = productPurchased(buyer, item, { at: minute(12) });
        const outcomes = [];
        for (const fact of [first, second, third]) outcomes.push(await store.decidePurchase(fact));
        const live = await snapshot([first, second, third]);

        await store.clear();
        // The purchases before their customer and product, newest first.
        await store.applyPurchaseOutcome(third, outcomes[2]);
        await store.applyPurchaseOutcome(second, outcomes[1]);
        await store.applyPurchaseOutcome(first, outcomes[0]);
        await store.registerCustomer(buyer);
        await store.addProduct(item);

        expect(await snapshot([first, second, third])).toStrictEqual(live);
        expect(live.product?.stock).toBe(0);
      });

      async function snapshot(purchases: readonly At<ProductPurchased>[]) {
        const [{ productId }] = purchases;
        const [{ customerId }] = purchases;
        return {
          product: await store.getProduct(productId),
          products: await store.listProducts(ALL),
          customer: await store.getCustomer(customerId),
          customers: await store.listCustomers(ALL),
          purchases: await store.listPurchases(ALL),
          each: await Promise.all(purchases.map((fact) => store.getPurchase(fact.purchaseId))),
        };
      }
    });

    describe('applyLogged (replay, a batch at a time)', () => {
      const added = (fact: At<ProductAdded>): LoggedFact => ({ type: 'product-added', fact });
      const registered = (fact: At<CustomerRegistered>): LoggedFact => ({
        type: 'customer-registered',
        fact,
      });
      const bought = (fact: At<ProductPurchased>, outcome = COMPLETED): LoggedFact => ({
        type: 'purchase',
        fact,
        outcome,
      });

      /** Every read model the facts touch, placeholders included by id. */
      async function everything(facts: readonly LoggedFact[]) {
        const ids = (type: LoggedFact['type'], id: (fact: LoggedFact) => string) =>
          [...new Set(facts.filter((logged) => logged.type === type).map(id))].sort();
        const productIds = ids('product-added', ({ fact }) => (fact as ProductAdded).productId);
        const customerIds = ids(
          'customer-registered',
          ({ fact }) => (fact as CustomerRegistered).customerId,
        );
        return {
          products: await store.listProducts(ALL),
          customers: await store.listCustomers(ALL),
          purchases: await store.listPurchases(ALL),
          each: await Promise.all([
            ...productIds.map((id) => store.getProduct(id)),
            ...customerIds.map((id) => store.getCustomer(id)),
          ]),
        };
      }

      /** The state the single calls leave, from empty stores; the stores are empty after. */
      async function appliedOneByOne(facts: readonly LoggedFact[]) {
        await applyOneByOne(facts);
        const state = await everything(facts);
        await store.clear();
        return state;
      }

      /** A small shop's log, the purchases of `late` before it is added, `ann` before she registers. */
      function shopLog() {
        const [ann, bob] = [customerRegistered(), customerRegistered({ at: minute(1) })];
        const [mug, late] = [productAdded({ stock: 5 }), productAdded({ stock: 3, at: minute(2) })];
        const purchases = [
          productPurchased(ann, mug, { quantity: 2, at: minute(10) }),
          productPurchased(ann, late, { at: minute(11) }),
          productPurchased(bob, mug, { at: minute(12) }),
          productPurchased(bob, mug, { quantity: 9, at: minute(13) }),
          productPurchased(bob, late, { quantity: 2, at: minute(14) }),
        ];
        const refused = {
          status: 'rejected',
          reason: `product ${mug.productId} is out of stock: 2 left, 9 asked`,
        } as const;
        const facts: LoggedFact[] = [
          added(mug),
          registered(bob),
          bought(purchases[0]),
          bought(purchases[1]),
          bought(purchases[2]),
          bought(purchases[3], refused),
          registered(ann),
          bought(purchases[4]),
          added(late),
        ];
        return { ann, bob, mug, late, purchases, refused, facts };
      }

      it('ends a batch of every kind as applying its facts one by one would', async () => {
        const { ann, bob, mug, late, purchases, refused, facts } = shopLog();
        const oneByOne = await appliedOneByOne(facts);

        await store.applyLogged(facts);

        expect(await everything(facts)).toStrictEqual(oneByOne);
        expect(await store.getProduct(mug.productId)).toStrictEqual(product(mug, 2));
        expect(await store.getProduct(late.productId)).toStrictEqual(product(late, 0));
        expect(await store.getCustomer(ann.customerId)).toStrictEqual(
          customer(ann, [owned(purchases[0]), owned(purchases[1])]),
        );
        expect(await store.getCustomer(bob.customerId)).toStrictEqual(
          customer(bob, [owned(purchases[2]), owned(purchases[4])]),
        );
        expect(await store.getPurchase(purchases[3].purchaseId)).toStrictEqual(
          purchase(purchases[3], refused),
        );
      });

      it('keeps purchases before their product and customer as placeholders across batches', async () => {
        const { ann, late, purchases, facts } = shopLog();
        const oneByOne = await appliedOneByOne(facts);
        const early = facts.filter((logged) => logged.type === 'purchase');
        const rest = facts.filter((logged) => logged.type !== 'purchase');

        await store.applyLogged(early);

        expect(await store.getProduct(late.productId)).toBeUndefined();
        expect(await store.getCustomer(ann.customerId)).toBeUndefined();
        expect((await store.listPurchases(ALL)).total).toBe(purchases.length);

        await store.applyLogged(rest);

        expect(await everything(facts)).toStrictEqual(oneByOne);
      });

      it('changes nothing when facts come again, in the same batch or in batches cut differently', async () => {
        const { facts } = shopLog();
        const oneByOne = await appliedOneByOne(facts);

        await store.applyLogged([...facts.slice(0, 4), ...facts.slice(0, 4)]);
        await store.applyLogged(facts.slice(2, 7));
        await store.applyLogged(facts);
        await store.applyLogged(facts);

        expect(await everything(facts)).toStrictEqual(oneByOne);
      });

      it('takes no notice of facts applied one by one before', async () => {
        const { facts } = shopLog();
        const oneByOne = await appliedOneByOne(facts);
        await applyOneByOne(facts.slice(0, 5));

        await store.applyLogged(facts);

        expect(await everything(facts)).toStrictEqual(oneByOne);
      });

      it('does nothing with an empty batch', async () => {
        await store.applyLogged([]);
        expect(await store.listPurchases(ALL)).toStrictEqual({ items: [], total: 0 });
      });

      async function applyOneByOne(facts: readonly LoggedFact[]) {
        for (const logged of facts) {
          if (logged.type === 'product-added') await store.addProduct(logged.fact);
          else if (logged.type === 'customer-registered') await store.registerCustomer(logged.fact);
          else await store.applyPurchaseOutcome(logged.fact, logged.outcome);
        }
      }
    });

    describe('purchases', () => {
      it('knows no purchase that was never made', async () => {
        expect(
          await store.getPurchase(
            productPurchased(customerRegistered(), productAdded()).purchaseId,
          ),
        ).toBeUndefined();
      });

      it('lists purchases newest first, by purchasedAt then purchaseId, filtered by customer, product and status, with paging and total', async () => {
        const { buyer, item } = await shopWith(2);
        const other = customerRegistered();
        const gadget = productAdded({ stock: 10 });
        await store.registerCustomer(other);
        await store.addProduct(gadget);
        const [a, b] = orderedIds(2);
        const p1 = productPurchased(buyer, item, { at: minute(10) });
        const p2 = productPurchased(other, gadget, { purchaseId: a, at: minute(11) });
        const p3 = productPurchased(buyer, gadget, { purchaseId: b, at: minute(11) });
        const p4 = productPurchased(other, item, { quantity: 2, at: minute(12) });
        const p5 = productPurchased(buyer, item, { at: minute(13) });
        const outcomes = new Map<string, PurchaseOutcome>();
        for (const fact of [p1, p2, p3, p4, p5]) {
          outcomes.set(fact.purchaseId, await store.decidePurchase(fact));
        }
        const page = (...facts: At<ProductPurchased>[]) =>
          facts.map((fact) => purchase(fact, outcomes.get(fact.purchaseId) ?? COMPLETED));

        expect(outcomes.get(p4.purchaseId)?.status).toBe('rejected');
        expect(await store.listPurchases(ALL)).toStrictEqual({
          items: page(p5, p4, p3, p2, p1),
          total: 5,
        });
        expect(await store.listPurchases({ limit: 2, offset: 1 })).toStrictEqual({
          items: page(p4, p3),
          total: 5,
        });
        expect(await store.listPurchases({ ...ALL, customerId: buyer.customerId })).toStrictEqual({
          items: page(p5, p3, p1),
          total: 3,
        });
        expect(await store.listPurchases({ ...ALL, productId: item.productId })).toStrictEqual({
          items: page(p5, p4, p1),
          total: 3,
        });
        expect(await store.listPurchases({ ...ALL, status: 'rejected' })).toStrictEqual({
          items: page(p4),
          total: 1,
        });
        expect(
          await store.listPurchases({
            limit: 1,
            offset: 1,
            customerId: buyer.customerId,
            productId: item.productId,
            status: 'completed',
          }),
        ).toStrictEqual({ items: page(p1), total: 2 });
        expect(
          await store.listPurchases({ ...ALL, customerId: other.customerId, status: 'completed' }),
        ).toStrictEqual({ items: page(p2), total: 1 });
      });
    });

    describe('clear', () => {
      it('empties every store, and forgets what it had seen', async () => {
        const { buyer, item } = await shopWith(5);
        const bought = productPurchased(buyer, item);
        await store.decidePurchase(bought);
        await store.applyPurchaseOutcome(productPurchased(buyer, productAdded()), COMPLETED);

        await store.clear();

        expect(await store.getProduct(item.productId)).toBeUndefined();
        expect(await store.getCustomer(buyer.customerId)).toBeUndefined();
        expect(await store.findCustomerByEmail(buyer.email)).toBeUndefined();
        expect(await store.getPurchase(bought.purchaseId)).toBeUndefined();
        const empty = { items: [], total: 0 };
        expect(await store.listProducts(ALL)).toStrictEqual(empty);
        expect(await store.listCustomers(ALL)).toStrictEqual(empty);
        expect(await store.listPurchases(ALL)).toStrictEqual(empty);

        // The same facts again, as a replay brings them: applied anew, not taken for repeats.
        await store.registerCustomer(buyer);
        await store.addProduct(item);
        expect(await store.decidePurchase(bought)).toStrictEqual(COMPLETED);
        expect(await store.getProduct(item.productId)).toStrictEqual(product(item, 4));
      });
    });
  });
}
