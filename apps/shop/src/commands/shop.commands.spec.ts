import type { EventEnvelope } from '@app/envelope';
import { ConflictError, InputValidationError, NotFoundError } from '@app/platform';
import type { EventPublisher } from '@app/transport';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';
import type { Customer, Product } from '../store/shop.read-models';
import type { ShopStore } from '../store/shop.store';
import { OutOfStockError } from './out-of-stock.error';
import { ShopCommandsService } from './shop.commands';

const CUSTOMER_ID = '0b6f4c1e-7a53-4d3c-9a8e-2f1d0c9b8a71';
const PRODUCT_ID = '5d2e8f40-3c1b-4e7a-b6d9-8a0f1e2c3b4d';

const ada: Customer = {
  customerId: CUSTOMER_ID,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  registeredAt: '2026-11-23T10:00:00.000Z',
  owned: [],
};
const kettle: Product = {
  productId: PRODUCT_ID,
  name: 'Kettle',
  price: 24.99,
  stock: 2,
  addedAt: '2026-11-23T09:00:00.000Z',
};

/** The reads the commands make; any write would be a bug (only the projector writes). */
function storeWith(customers: Customer[], products: Product[]): ShopStore {
  const reads: Partial<ShopStore> = {
    getCustomer: async (id) => customers.find((c) => c.customerId === id),
    findCustomerByEmail: async (email) => customers.find((c) => c.email === email),
    getProduct: async (id) => products.find((p) => p.productId === id),
  };
  return reads as ShopStore;
}

function commandsOver(store: ShopStore) {
  const published: { topic: string; event: EventEnvelope }[] = [];
  const publisher: EventPublisher = {
    publish: async (topic, events) => {
      for (const event of Array.isArray(events) ? events : [events])
        published.push({ topic, event });
    },
  };
  return { commands: new ShopCommandsService(publisher, store), published };
}

async function refusal(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the command to be refused');
}

describe('ShopCommandsService', () => {
  describe('the operator adds a product', () => {
    it('publishes PRODUCT_ADDED keyed by the new product, and answers its id and the event id', async () => {
      const { commands, published } = commandsOver(storeWith([], []));
      const accepted = await commands.addProduct({ name: '  Kettle ', price: 24.99, stock: 5 });
      expect(published).toHaveLength(1);
      const [{ topic, event }] = published;
      expect(topic).toBe(ShopTopics.SHOP_EVENTS);
      expect(event).toMatchObject({
        type: ShopEvents.PRODUCT_ADDED,
        source: '/shop',
        partitionkey: accepted.productId,
        data: { productId: accepted.productId, name: 'Kettle', price: 24.99, stock: 5 },
      });
      expect(accepted.eventId).toBe(event.id);
    });

    it.each<[string, unknown, string]>([
      ['no name', { price: 1, stock: 1 }, 'name'],
      ['a blank name', { name: '   ', price: 1, stock: 1 }, 'name'],
      ['a free product', { name: 'Kettle', price: 0, stock: 1 }, 'price'],
      ['a price with three decimals', { name: 'Kettle', price: 1.234, stock: 1 }, 'price'],
      ['a price as text', { name: 'Kettle', price: '9.99', stock: 1 }, 'price'],
      ['negative stock', { name: 'Kettle', price: 1, stock: -1 }, 'stock'],
      ['half a unit of stock', { name: 'Kettle', price: 1, stock: 1.5 }, 'stock'],
      ['no object at all', 'Kettle', '(body)'],
    ])('refuses %s, naming the field, and publishes nothing', async (_case, input, field) => {
      const { commands, published } = commandsOver(storeWith([], []));
      const error = await refusal(commands.addProduct(input));
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).violations.map((v) => v.field)).toEqual([field]);
      expect(published).toEqual([]);
    });
  });

  describe('a customer registers', () => {
    it('publishes CUSTOMER_REGISTERED keyed by the new customer, the e-mail in lower case', async () => {
      const { commands, published } = commandsOver(storeWith([], []));
      const accepted = await commands.registerCustomer({ name: 'Ada', email: 'Ada@Example.COM ' });
      expect(published[0].event).toMatchObject({
        type: ShopEvents.CUSTOMER_REGISTERED,
        partitionkey: accepted.customerId,
        data: { customerId: accepted.customerId, name: 'Ada', email: 'ada@example.com' },
      });
    });

    it('refuses an e-mail already registered (in any case) with a conflict on email', async () => {
      const { commands, published } = commandsOver(storeWith([ada], []));
      const error = await refusal(
        commands.registerCustomer({ name: 'Ada', email: 'ADA@example.com' }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ field: 'email' });
      expect(published).toEqual([]);
    });

    it('refuses a malformed e-mail, naming it', async () => {
      const { commands } = commandsOver(storeWith([], []));
      const error = await refusal(commands.registerCustomer({ name: 'Ada', email: 'ada' }));
      expect((error as InputValidationError).violations).toEqual([
        { field: 'email', reason: expect.stringContaining('email') },
      ]);
    });
  });

  describe('a customer buys a product', () => {
    it('publishes PRODUCT_PURCHASED keyed by the customer, with the name and price the shop showed', async () => {
      const { commands, published } = commandsOver(storeWith([ada], [kettle]));
      const accepted = await commands.purchase({ customerId: CUSTOMER_ID, productId: PRODUCT_ID });
      expect(published[0].event).toMatchObject({
        id: accepted.purchaseId,
        type: ShopEvents.PRODUCT_PURCHASED,
        partitionkey: CUSTOMER_ID,
        data: {
          purchaseId: accepted.purchaseId,
          customerId: CUSTOMER_ID,
          productId: PRODUCT_ID,
          productName: 'Kettle',
          unitPrice: 24.99,
          quantity: 1,
        },
      });
    });

    it('buys one unit when the quantity is absent or null', async () => {
      const { commands, published } = commandsOver(storeWith([ada], [kettle]));
      await commands.purchase({ customerId: CUSTOMER_ID, productId: PRODUCT_ID, quantity: null });
      expect(published[0].event.data).toMatchObject({ quantity: 1 });
    });

    it('refuses an unknown customer or product as not found, naming which', async () => {
      const { commands } = commandsOver(storeWith([ada], [kettle]));
      const unknown = '9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a';
      const noCustomer = await refusal(
        commands.purchase({ customerId: unknown, productId: PRODUCT_ID }),
      );
      expect(noCustomer).toEqual(new NotFoundError('customer', unknown));
      const noProduct = await refusal(
        commands.purchase({ customerId: CUSTOMER_ID, productId: unknown }),
      );
      expect(noProduct).toEqual(new NotFoundError('product', unknown));
    });

    it('refuses more units than are left as a conflict on quantity, saying how many are left', async () => {
      const { commands, published } = commandsOver(storeWith([ada], [kettle]));
      const error = await refusal(
        commands.purchase({ customerId: CUSTOMER_ID, productId: PRODUCT_ID, quantity: 3 }),
      );
      expect(error).toBeInstanceOf(OutOfStockError);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe(`product ${PRODUCT_ID} is out of stock: 2 left, 3 asked`);
      expect(published).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      ['a customer id that is no UUID', { customerId: 'ada', productId: PRODUCT_ID }, 'customerId'],
      ['no product id', { customerId: CUSTOMER_ID }, 'productId'],
      ['zero units', { customerId: CUSTOMER_ID, productId: PRODUCT_ID, quantity: 0 }, 'quantity'],
      ['101 units', { customerId: CUSTOMER_ID, productId: PRODUCT_ID, quantity: 101 }, 'quantity'],
    ])('refuses %s as bad input', async (_case, input, field) => {
      const { commands } = commandsOver(storeWith([ada], [kettle]));
      const error = await refusal(commands.purchase(input));
      expect((error as InputValidationError).violations.map((v) => v.field)).toEqual([field]);
    });
  });
});
