import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CliIo } from '../src/cli/cli.io';
import { runShopCli } from '../src/cli/shop-cli';
import { displayLength } from '../src/cli/table.format';
import { ShopApiStub } from './shop-api.stub';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A tool run in-process, with what it printed. */
async function run(argv: string[], options: { env?: Record<string, string>; columns?: number }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
    env: options.env ?? {},
    terminalColumns: options.columns,
  };
  const code = await runShopCli(argv, io);
  return { code, out, err };
}

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('shop CLI tools against the REST API (stub server)', () => {
  let stub: ShopApiStub;
  let url: string;
  /** Runs a tool against the stub, found through SHOP_URL as a user would set it. */
  const tool = (...argv: string[]) => run(argv, { env: { SHOP_URL: url } });

  beforeEach(async () => {
    stub = new ShopApiStub();
    url = await stub.start();
  });

  afterEach(() => stub.stop());

  describe('make-customers', () => {
    it('registers realistic customers with unique e-mails and prints what was accepted', async () => {
      const { code, out, err } = await tool('make-customers', '--count', '12', '--seed', '5');

      expect(err).toEqual([]);
      expect(code).toBe(0);
      const bodies = stub.callsTo('POST', '/customers').map((call) => call.body);
      expect(bodies).toHaveLength(12);
      for (const body of bodies) {
        expect(body).toEqual({
          name: expect.stringMatching(/^\S+ \S+/),
          email: expect.stringMatching(/^[a-z0-9._'-]+@example\.(com|net|org)$/),
        });
      }
      const emails = bodies.map((body) => (body as { email: string }).email);
      expect(new Set(emails).size).toBe(12);

      expect(out[0]).toMatch(/^ID\s+NAME\s+E-MAIL$/);
      for (const customer of stub.customers) {
        expect(out).toContainEqual(expect.stringContaining(customer.customerId));
        expect(out.find((line) => line.includes(customer.customerId))).toContain(customer.email);
      }
      expect(out.at(-1)).toBe(
        '12 of 12 customers accepted (seed 5); see npm run shop:list-customers',
      );
    });

    it('makes the same people for the same seed', async () => {
      await tool('make-customers', '--count', '4', '--seed', '99');
      const first = stub.callsTo('POST', '/customers').map((call) => call.body);
      const other = new ShopApiStub();
      const otherUrl = await other.start();
      try {
        await run(['make-customers', '--count', '4', '--seed', '99'], {
          env: { SHOP_URL: otherUrl },
        });
        expect(other.callsTo('POST', '/customers').map((call) => call.body)).toEqual(first);
      } finally {
        await other.stop();
      }
    });

    it('keeps at most 8 registrations in flight', async () => {
      stub.answerDelayMs = 20;
      const { code } = await tool('make-customers', '--count', '30');

      expect(code).toBe(0);
      expect(stub.callsTo('POST', '/customers')).toHaveLength(30);
      expect(stub.maxInFlight).toBeGreaterThan(1);
      expect(stub.maxInFlight).toBeLessThanOrEqual(8);
    });

    it('prints the field and reason of each refusal, and exits with 1', async () => {
      await tool('make-customers', '--count', '3', '--seed', '7');
      const again = await tool('make-customers', '--count', '3', '--seed', '7');

      expect(again.code).toBe(1);
      expect(again.err).toHaveLength(4);
      for (const line of again.err.slice(0, 3)) {
        expect(line).toMatch(
          /<.+@example\.\w+>: the shop refused it \(409 Conflict\): email: customer with email ".+" already exists$/,
        );
      }
      expect(again.err[3]).toBe(
        '--seed 7 makes the same customers every run: leave it out or pick another',
      );
      expect(again.out).toEqual(['0 of 3 customers accepted (seed 7), 3 refused']);
    });
  });

  describe('make-products', () => {
    it('adds products with two-decimal prices and whole stock, and prints them', async () => {
      const { code, out } = await tool('make-products', '--count', '15', '--seed', '3');

      expect(code).toBe(0);
      const bodies = stub.callsTo('POST', '/products').map((call) => call.body);
      expect(bodies).toHaveLength(15);
      for (const body of bodies) {
        const { name, price, stock } = body as { name: string; price: number; stock: number };
        expect(name.trim()).not.toBe('');
        expect(String(price)).toMatch(/^\d+(\.\d{1,2})?$/);
        expect(Number.isInteger(stock) && stock >= 5 && stock <= 250).toBe(true);
      }

      expect(out[0]).toMatch(/^ID\s+NAME\s+PRICE\s+STOCK$/);
      for (const product of stub.products) {
        const line = out.find((candidate) => candidate.includes(product.productId));
        expect(line).toContain(product.name);
        expect(line).toMatch(new RegExp(`${product.price.toFixed(2)}\\s+${product.stock}$`));
      }
      expect(out.at(-1)).toBe(
        '15 of 15 products accepted (seed 3); see npm run shop:list-products',
      );
    });

    it('prints the field and reason of a 400', async () => {
      stub.canned.set('POST /products', {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'price: must not be less than 0.01',
          violations: [{ field: 'price', reason: 'must not be less than 0.01' }],
        },
      });
      const { code, out, err } = await tool('make-products', '--count', '1', '--seed', '1');

      expect(code).toBe(1);
      expect(err).toEqual([
        expect.stringMatching(
          /^".+": the shop refused it \(400 Bad Request\): price: must not be less than 0\.01$/,
        ),
      ]);
      expect(out).toEqual(['0 of 1 product accepted (seed 1), 1 refused']);
    });
  });

  describe('list-customers', () => {
    it('prints each customer with the items they own and what they spent', async () => {
      const anna = stub.addCustomer('Anna Kowalska', 'anna@example.com', [
        ownedItem(149.9, 2),
        ownedItem(0.1, 3),
      ]);
      const jan = stub.addCustomer('Jan Nowak', 'jan@example.com');

      const { code, out } = await tool('list-customers');

      expect(code).toBe(0);
      expect(out).toEqual([
        'ID                                    NAME           E-MAIL            ITEMS   SPENT',
        '------------------------------------  -------------  ----------------  -----  ------',
        `${jan.customerId}  Jan Nowak      jan@example.com       0    0.00`,
        `${anna.customerId}  Anna Kowalska  anna@example.com      5  300.10`,
        '',
        '2 of 2 customers',
      ]);
      expect(stub.calls).toEqual([{ method: 'GET', path: '/customers?limit=20&offset=0' }]);
    });

    it('pages with --limit and --offset and says where the next page starts', async () => {
      for (const n of [1, 2, 3]) stub.addCustomer(`Customer ${n}`, `c${n}@example.com`);

      const { out } = await tool('list-customers', '--limit', '1', '--offset', '1');

      expect(stub.calls.map((call) => call.path)).toEqual(['/customers?limit=1&offset=1']);
      expect(out.filter((line) => UUID.test(line))).toEqual([
        expect.stringContaining('Customer 2'),
      ]);
      expect(out.at(-1)).toBe('1 of 3 customers (2 to 2); the next page: --offset 2');
    });

    it('fits an 80-column terminal, cutting names rather than ids', async () => {
      const long = stub.addCustomer(
        'Maximiliana Wolfeschlegelsteinhausenbergerdorff',
        'maximiliana.wolfeschlegelsteinhausenbergerdorff@example.com',
      );

      const { out } = await run(['list-customers'], { env: { SHOP_URL: url }, columns: 80 });

      const row = out.find((line) => line.includes(long.customerId));
      expect(row).toContain('…');
      expect(displayLength(row ?? '')).toBeLessThanOrEqual(80);
      const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;
      expect(out[0]).toBe(bold(out[0].slice(4, -5)));
      expect(out[0].slice(4, -5)).toMatch(/^ID\s+NAME\s+E-MAIL\s+ITEMS\s+SPENT$/);
    });
  });

  describe('list-products', () => {
    it('prints each product with its price and stock', async () => {
      const grinder = stub.addProduct({ name: 'Młynek do kawy', price: 149.9, stock: 5 });

      const { code, out } = await tool('list-products', '--limit', '5');

      expect(code).toBe(0);
      expect(out).toEqual([
        'ID                                    NAME             PRICE  STOCK',
        '------------------------------------  --------------  ------  -----',
        `${grinder.productId}  Młynek do kawy  149.90      5`,
        '',
        '1 of 1 product',
      ]);
      expect(stub.calls.map((call) => call.path)).toEqual(['/products?limit=5&offset=0']);
    });

    it('says how to make products when there are none', async () => {
      const { code, out } = await tool('list-products');

      expect(code).toBe(0);
      expect(out).toEqual(['no products yet: make some with npm run shop:make-products']);
    });
  });

  describe('buy', () => {
    it('buys, then waits for the purchase to be completed and prints it', async () => {
      const anna = stub.addCustomer('Anna Kowalska', 'anna@example.com');
      const grinder = stub.addProduct({ name: 'Młynek do kawy', price: 149.9, stock: 5 });
      stub.pollsBeforeDecision = 3;

      const { code, out } = await tool(
        'buy',
        '--customer',
        anna.customerId,
        '--product',
        grinder.productId,
        '--quantity',
        '2',
      );

      expect(stub.callsTo('POST', '/purchases').map((call) => call.body)).toEqual([
        { customerId: anna.customerId, productId: grinder.productId, quantity: 2 },
      ]);
      const [purchaseId] = stub.purchases.keys();
      expect(stub.callsTo('GET', `/purchases/${purchaseId}`)).toHaveLength(3);
      expect(out).toEqual([
        `accepted purchase ${purchaseId}`,
        `purchase ${purchaseId} completed: 2 × Młynek do kawy at 149.90 = 299.80`,
        '1 purchase: 1 completed',
      ]);
      expect(code).toBe(0);
    });

    it('prints a rejected purchase with its reason, and exits with 1', async () => {
      const anna = stub.addCustomer('Anna Kowalska', 'anna@example.com');
      const grinder = stub.addProduct({ name: 'Młynek do kawy', price: 149.9, stock: 5 });
      stub.rejectPurchasesWith = `product ${grinder.productId} is out of stock: 0 left, 1 asked`;

      const { code, out } = await tool(
        'buy',
        '--customer',
        anna.customerId,
        '--product',
        grinder.productId,
      );

      const [purchaseId] = stub.purchases.keys();
      expect(out).toEqual([
        `accepted purchase ${purchaseId}`,
        `purchase ${purchaseId} rejected: product ${grinder.productId} is out of stock: 0 left, 1 asked`,
        '1 purchase: 0 completed, 1 rejected',
      ]);
      expect(code).toBe(1);
    });

    it('gives up waiting after --wait seconds and says which purchase is undecided', async () => {
      const anna = stub.addCustomer('Anna Kowalska', 'anna@example.com');
      const grinder = stub.addProduct({ name: 'Młynek do kawy', price: 149.9, stock: 5 });
      stub.pollsBeforeDecision = Infinity;

      const { code, out, err } = await tool(
        'buy',
        '--customer',
        anna.customerId,
        '--product',
        grinder.productId,
        '--wait',
        '1',
      );

      const purchaseId = UUID.exec(out[0])?.[0];
      expect(err.at(-1)).toBe(
        `purchase ${purchaseId} not decided within 1 s: is the shop's projector running?`,
      );
      expect(out.at(-1)).toBe('1 purchase: 0 completed, 1 not decided');
      expect(code).toBe(1);
    });

    it('prints the reason in one line when the shop refuses the purchase', async () => {
      const grinder = stub.addProduct({ name: 'Młynek do kawy', price: 149.9, stock: 5 });
      const nobody = '9c4e7a2b-1f3d-4b8e-a6c5-7d8e9f0a1b2c';

      const { code, out, err } = await tool(
        'buy',
        '--customer',
        nobody,
        '--product',
        grinder.productId,
      );

      expect(out).toEqual([]);
      expect(err).toEqual([
        `buy: the shop refused it (404 Not Found): customer ${nobody} does not exist`,
      ]);
      expect(code).toBe(1);
    });

    it('--random buys products in stock for existing customers, never more than is left', async () => {
      const customers = [
        stub.addCustomer('Anna Kowalska', 'anna@example.com'),
        stub.addCustomer('Jan Nowak', 'jan@example.com'),
      ];
      const scarce = stub.addProduct({ name: 'Ostatni młynek', price: 99, stock: 1 });
      stub.addProduct({ name: 'Wyprzedane', price: 5, stock: 0 });
      const plenty = stub.addProduct({ name: 'Kubek', price: 19.99, stock: 100 });

      const { code, out } = await tool('buy', '--random', '--count', '6', '--seed', '11');

      const bodies = stub
        .callsTo('POST', '/purchases')
        .map((call) => call.body as { customerId: string; productId: string; quantity: number });
      expect(bodies).toHaveLength(6);
      const customerIds = customers.map((customer) => customer.customerId);
      for (const body of bodies) {
        expect(customerIds).toContain(body.customerId);
        expect([scarce.productId, plenty.productId]).toContain(body.productId);
        expect(body.quantity).toBeGreaterThanOrEqual(1);
      }
      const scarceUnits = bodies
        .filter((body) => body.productId === scarce.productId)
        .reduce((sum, body) => sum + body.quantity, 0);
      expect(scarceUnits).toBeLessThanOrEqual(1);

      expect(out.filter((line) => line.startsWith('accepted purchase '))).toHaveLength(6);
      expect(out.filter((line) => / completed: /.test(line))).toHaveLength(6);
      expect(out.at(-1)).toBe('6 purchases: 6 completed');
      expect(code).toBe(0);
    });

    it('--random says so when there is nobody to buy', async () => {
      const { code, err } = await tool('buy', '--random');

      expect(err).toEqual(['buy: no customers yet: make some with npm run shop:make-customers']);
      expect(code).toBe(1);
    });
  });

  describe('when the shop is not running', () => {
    it.each([
      ['make-customers'],
      ['make-products'],
      ['list-customers'],
      ['list-products'],
      ['buy', '--random'],
    ])('%s prints one line naming the URL and `npm start`, and exits with 1', async (...argv) => {
      const deadUrl = `http://127.0.0.1:${await closedPort()}`;

      const { code, out, err } = await run([...argv, '--url', deadUrl], {});

      expect(out).toEqual([]);
      expect(err).toEqual([
        `${argv[0]}: cannot reach the shop at ${deadUrl} (connect ECONNREFUSED ${deadUrl.slice(7)}): ` +
          'is it running? Start it with `npm start`, or point --url or SHOP_URL at it',
      ]);
      expect(code).toBe(1);
    });
  });

  describe('the command line', () => {
    it("prints a tool's options with --help", async () => {
      const { code, out } = await tool('buy', '--help');

      expect(code).toBe(0);
      expect(out.join('\n')).toContain('Usage: npm run shop:buy -- --customer ID --product ID');
      expect(stub.calls).toEqual([]);
    });

    it('refuses an unknown option or a bad number in one line, with exit code 2', async () => {
      const unknown = await tool('list-products', '--colour', 'red');
      const bad = await tool('make-products', '--count', 'ten');

      expect(unknown.err).toEqual([
        expect.stringMatching(
          /^list-products: Unknown option '--colour'.* \(--help lists the options\)$/,
        ),
      ]);
      expect(bad.err).toEqual([
        'make-products: --count must be a whole number from 1 to 1000, not "ten" (--help lists the options)',
      ]);
      expect([unknown.code, bad.code]).toEqual([2, 2]);
      expect(stub.calls).toEqual([]);
    });

    it('runs from its npm entry script, --url taking precedence over SHOP_URL', async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          'apps/shop/scripts/shop-cli.ts',
          'make-products',
          '--count',
          '2',
          '--url',
          url,
        ],
        {
          cwd: resolve(__dirname, '../../..'),
          env: { ...process.env, SHOP_URL: 'http://127.0.0.1:1' },
        },
      );

      expect(stub.callsTo('POST', '/products')).toHaveLength(2);
      expect(stdout).toMatch(/2 of 2 products accepted \(seed \d+\)/);
    }, 30_000);
  });
});

function ownedItem(unitPrice: number, quantity: number) {
  return {
    purchaseId: crypto.randomUUID(),
    productId: crypto.randomUUID(),
    productName: 'thing',
    unitPrice,
    quantity,
    purchasedAt: '2026-11-23T10:00:00.000Z',
  };
}
