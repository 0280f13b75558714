import {
  PRICE_RANGE,
  RANDOM_QUANTITY_RANGE,
  SampleDataFactory,
  STOCK_RANGE,
} from './sample-data.factory';

describe('SampleDataFactory', () => {
  describe('customers', () => {
    it('makes the same people for the same seed, and others for another seed', () => {
      const first = new SampleDataFactory(42).customers(20);

      expect(new SampleDataFactory(42).customers(20)).toEqual(first);
      expect(new SampleDataFactory(43).customers(20)).not.toEqual(first);
    });

    it('gives each a first and last name and a made-up, lower-case e-mail address', () => {
      for (const { name, email } of new SampleDataFactory(1).customers(50)) {
        expect(name).toMatch(/^\S+( \S+)+$/);
        expect(email).toBe(email.toLowerCase());
        expect(email).toMatch(/^[^\s@]+@example\.(com|net|org)$/);
      }
    });

    it('never repeats an e-mail address within a run, even across calls', () => {
      const factory = new SampleDataFactory(7);
      const emails = [...factory.customers(1_000), ...factory.customers(1_000)].map(
        (customer) => customer.email,
      );

      expect(new Set(emails).size).toBe(2_000);
    });
  });

  describe('products', () => {
    const products = new SampleDataFactory(3).products(1_000);

    it('makes the same products for the same seed', () => {
      expect(new SampleDataFactory(3).products(1_000)).toEqual(products);
    });

    it('prices every product within the range with at most two decimals', () => {
      for (const { price } of products) {
        expect(String(price)).toMatch(/^\d+(\.\d{1,2})?$/);
        expect(price).toBeGreaterThanOrEqual(PRICE_RANGE.min);
        expect(price).toBeLessThanOrEqual(PRICE_RANGE.max);
      }
    });

    it('prices mostly cheap things and a few dear ones, as a shop does', () => {
      const under100 = products.filter(({ price }) => price < 100).length;
      const over1000 = products.filter(({ price }) => price >= 1_000).length;

      expect(under100).toBeGreaterThan(over1000 * 3);
      expect(over1000).toBeGreaterThan(0);
    });

    it('stocks every product with whole units within the range', () => {
      for (const { stock } of products) {
        expect(Number.isInteger(stock)).toBe(true);
        expect(stock).toBeGreaterThanOrEqual(STOCK_RANGE.min);
        expect(stock).toBeLessThanOrEqual(STOCK_RANGE.max);
      }
    });

    it('never repeats a product name within a run', () => {
      expect(new Set(products.map(({ name }) => name)).size).toBe(products.length);
    });
  });

  describe('purchases', () => {
    const customers = [
      { customerId: 'c1', name: 'Anna' },
      { customerId: 'c2', name: 'Jan' },
    ];

    it('buys only what is left: never more units of a product than its stock', () => {
      const products = [
        { productId: 'p1', name: 'Last one', stock: 1 },
        { productId: 'p2', name: 'A few', stock: 4 },
      ];

      const planned = new SampleDataFactory(5).purchases(100, customers, products);

      const units = (productId: string) =>
        planned
          .filter((purchase) => purchase.productId === productId)
          .reduce((sum, purchase) => sum + purchase.quantity, 0);
      expect(units('p1')).toBe(1);
      expect(units('p2')).toBe(4);
      for (const { quantity } of planned) {
        expect(quantity).toBeGreaterThanOrEqual(RANDOM_QUANTITY_RANGE.min);
        expect(quantity).toBeLessThanOrEqual(RANDOM_QUANTITY_RANGE.max);
      }
    });

    it('skips products out of stock and names what it picked', () => {
      const planned = new SampleDataFactory(9).purchases(10, customers, [
        { productId: 'sold-out', name: 'Sold out', stock: 0 },
        { productId: 'p', name: 'Mug', stock: 1_000 },
      ]);

      expect(planned).toHaveLength(10);
      for (const purchase of planned) {
        expect(purchase.productId).toBe('p');
        expect(purchase.productName).toBe('Mug');
        expect(customers).toContainEqual({
          customerId: purchase.customerId,
          name: purchase.customerName,
        });
      }
    });

    it('plans nothing without customers', () => {
      const planned = new SampleDataFactory(1).purchases(
        5,
        [],
        [{ productId: 'p', name: 'Mug', stock: 10 }],
      );

      expect(planned).toEqual([]);
    });

    it('picks the same purchases for the same seed', () => {
      const products = [
        { productId: 'p1', name: 'Mug', stock: 50 },
        { productId: 'p2', name: 'Cup', stock: 50 },
      ];

      expect(new SampleDataFactory(2).purchases(20, customers, products)).toEqual(
        new SampleDataFactory(2).purchases(20, customers, products),
      );
    });
  });
});
