import { setTimeout as delay } from 'node:timers/promises';
import type { PurchaseAccepted } from '../commands/shop.commands.port';
import type { Page, PageRequest, Purchase } from '../store/shop.read-models';
import type { CliIo } from './cli.io';
import { COMMON_USAGE, readOptions, seed, shopUrl, UsageError, wholeNumber } from './cli.options';
import { type CliTool, EXIT_FAILED, EXIT_OK } from './cli.tool';
import { MAX_PAGE_SIZE } from './list-page';
import { mapConcurrent } from './map-concurrent';
import { formatMoney, totalOf } from './money';
import { SampleDataFactory } from './sample-data.factory';
import { ShopApiClient } from './shop-api.client';
import { ShopApiError } from './shop-api.errors';
import { counted } from './words';

/** Requests in flight at once, buying or asking how a purchase ended. */
const CONCURRENCY = 8;
/** How often to ask again for purchases the projector has not decided yet. */
const POLL_INTERVAL_MS = 100;
/** `--random` picks among this many of the newest customers and of the newest products. */
const RANDOM_POOL = 1_000;
const MAX_QUANTITY = 100;

const BUY_OPTIONS = {
  customer: { type: 'string' },
  product: { type: 'string' },
  quantity: { type: 'string' },
  random: { type: 'boolean', default: false },
  count: { type: 'string' },
  seed: { type: 'string' },
  wait: { type: 'string' },
} as const;

/** A purchase to ask for; the names, when known, make its lines readable. */
interface Order {
  readonly customerId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly label?: string;
}

/** The seed's third action: a customer buys a product, through POST /purchases. */
export const buyTool: CliTool = {
  name: 'buy',
  summary: 'buy a product for a customer, or make random purchases',
  usage: `Buys through the shop's REST API (POST /purchases), as a customer would: each purchase
becomes a PRODUCT_PURCHASED event that the projector completes or rejects. Prints each
accepted purchase's id, then waits for the projector's decision (GET /purchases/:id) and
prints it: completed, or rejected with the reason.

Usage: npm run shop:buy -- --customer ID --product ID [--quantity N] [options]
       npm run shop:buy -- --random [--count N] [--seed N] [options]

  --customer ID         the buyer (ids: npm run shop:list-customers)
  --product ID          what they buy (ids: npm run shop:list-products)
  --quantity N          units, 1 to ${MAX_QUANTITY} (default 1)
  --random              pick customers and products in stock through the API (among the
                        newest ${RANDOM_POOL} of each), 1 to 3 units each, never more than is left
  --count N             with --random: purchases to make, 1 to 100 (default 5)
  --seed N              with --random: the same seed, against the same shop, buys the same
                        (default: a random one, printed)
  --wait S              seconds to wait for the decisions, 0 to 300; 0 does not wait
                        (default 10)
${COMMON_USAGE}

Exit code 0 when every purchase was completed (or, with --wait 0, accepted), 1 otherwise,
2 for bad options.`,

  async run(args, io) {
    const options = readOptions(args, BUY_OPTIONS);
    const client = new ShopApiClient({ url: shopUrl(options.url, io.env) });
    const waitSeconds = wholeNumber('--wait', options.wait, { min: 0, max: 300, fallback: 10 });
    const orders = options.random
      ? await randomOrders(client, options, io)
      : [explicitOrder(options)];
    if (!orders.length) return EXIT_FAILED;

    const accepted = await placeOrders(client, orders, io);
    const refused = orders.length - accepted.length;
    if (!accepted.length) {
      io.out(`${counted(orders.length, 'purchase')}: ${refused} refused`);
      return EXIT_FAILED;
    }
    if (waitSeconds === 0) {
      io.out(
        `${accepted.length} of ${counted(orders.length, 'purchase')} accepted (not waiting: --wait 0)`,
      );
      return refused ? EXIT_FAILED : EXIT_OK;
    }

    io.err(`waiting up to ${waitSeconds} s for the shop to decide...`);
    const decided = await awaitDecisions(client, accepted, waitSeconds * 1000, io);
    const completed = decided.filter((purchase) => purchase.status === 'completed').length;
    const rejected = decided.length - completed;
    const undecided = accepted.length - decided.length;
    const parts = [
      `${completed} completed`,
      rejected && `${rejected} rejected`,
      refused && `${refused} refused`,
      undecided && `${undecided} not decided`,
    ].filter(Boolean);
    io.out(`${counted(orders.length, 'purchase')}: ${parts.join(', ')}`);
    return completed === orders.length ? EXIT_OK : EXIT_FAILED;
  },
};

type BuyOptions = { [Name in keyof typeof BUY_OPTIONS]?: string | boolean };

function explicitOrder(options: BuyOptions): Order {
  for (const name of ['count', 'seed'] as const) {
    if (options[name] !== undefined) throw new UsageError(`--${name} goes with --random`);
  }
  const { customer, product } = options;
  if (typeof customer !== 'string' || typeof product !== 'string') {
    throw new UsageError('name the purchase with --customer ID and --product ID, or use --random');
  }
  const quantity = wholeNumber('--quantity', text(options.quantity), {
    min: 1,
    max: MAX_QUANTITY,
    fallback: 1,
  });
  return { customerId: customer, productId: product, quantity };
}

async function randomOrders(
  client: ShopApiClient,
  options: BuyOptions,
  io: CliIo,
): Promise<Order[]> {
  for (const name of ['customer', 'product', 'quantity'] as const) {
    if (options[name] !== undefined) {
      throw new UsageError(
        `--random picks the customer, product and quantity: leave out --${name}`,
      );
    }
  }
  const count = wholeNumber('--count', text(options.count), { min: 1, max: 100, fallback: 5 });
  const factory = new SampleDataFactory(seed(text(options.seed)));
  const [customers, products] = await Promise.all([
    readPages((page) => client.customers(page)),
    readPages((page) => client.products(page)),
  ]);
  const inStock = products.filter((product) => product.stock > 0);
  if (!customers.length) {
    io.err('buy: no customers yet: make some with npm run shop:make-customers');
    return [];
  }
  if (!inStock.length) {
    io.err('buy: no products in stock: add some with npm run shop:make-products');
    return [];
  }
  const planned = factory.purchases(count, customers, inStock);
  io.err(
    `buying ${counted(planned.length, 'time')} among ${counted(customers.length, 'customer')} ` +
      `and ${counted(inStock.length, 'product')} in stock (seed ${factory.seed})`,
  );
  return planned.map((order) => ({
    ...order,
    label: `${order.customerName} buys ${order.quantity} × ${order.productName}`,
  }));
}

/** The newest RANDOM_POOL items of a list, a page at a time. */
async function readPages<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < RANDOM_POOL; offset += MAX_PAGE_SIZE) {
    const page = await read({ limit: MAX_PAGE_SIZE, offset });
    items.push(...page.items);
    if (page.items.length < MAX_PAGE_SIZE || items.length >= page.total) break;
  }
  return items;
}

/**
 * Asks for every order, printing each accepted purchase's id as it comes. One order alone
 * that is refused is the run's error line; among several, each refusal gets its line and the
 * others go on.
 */
async function placeOrders(
  client: ShopApiClient,
  orders: readonly Order[],
  io: CliIo,
): Promise<PurchaseAccepted[]> {
  const results = await mapConcurrent(orders, CONCURRENCY, async (order) => {
    const { customerId, productId, quantity } = order;
    try {
      const accepted = await client.purchase({ customerId, productId, quantity });
      io.out(`accepted purchase ${accepted.purchaseId}${order.label ? `: ${order.label}` : ''}`);
      return accepted;
    } catch (error) {
      const alone = orders.length === 1;
      if (alone || !(error instanceof ShopApiError)) throw error;
      io.err(`${order.label ?? 'a purchase'}: ${error.message}`);
      return undefined;
    }
  });
  return results.filter((accepted) => accepted !== undefined);
}

/**
 * Polls each accepted purchase until the projector has decided it or the time is up, and
 * prints each decision as it comes; the ones still open get a line saying so.
 */
async function awaitDecisions(
  client: ShopApiClient,
  accepted: readonly PurchaseAccepted[],
  timeoutMs: number,
  io: CliIo,
): Promise<Purchase[]> {
  const deadline = Date.now() + timeoutMs;
  const open = new Set(accepted.map((purchase) => purchase.purchaseId));
  const decided: Purchase[] = [];
  for (;;) {
    const found = await mapConcurrent([...open], CONCURRENCY, (id) => client.findPurchase(id));
    for (const purchase of found) {
      if (!purchase) continue;
      open.delete(purchase.purchaseId);
      decided.push(purchase);
      io.out(decision(purchase));
    }
    const left = deadline - Date.now();
    if (!open.size || left <= 0) break;
    await delay(Math.min(POLL_INTERVAL_MS, left));
  }
  for (const id of open) {
    io.err(
      `purchase ${id} not decided within ${timeoutMs / 1000} s: is the shop's projector running?`,
    );
  }
  return decided;
}

function decision(purchase: Purchase): string {
  const { purchaseId, quantity, productName, unitPrice } = purchase;
  if (purchase.status === 'rejected') {
    return `purchase ${purchaseId} rejected: ${purchase.reason ?? 'no reason given'}`;
  }
  const total = formatMoney(totalOf([purchase]));
  return `purchase ${purchaseId} completed: ${quantity} × ${productName} at ${formatMoney(unitPrice)} = ${total}`;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
