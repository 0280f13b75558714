import type { EventEnvelope } from '@app/envelope';
import { randomUUID } from 'node:crypto';
import {
  customerRegistered,
  productAdded,
  productPurchased,
} from '../../apps/shop/src/events/shop-event.envelopes';

/** Share of the events that add a product, and that register a customer; the rest buy. */
const PRODUCT_SHARE = 0.01;
const CUSTOMER_SHARE = 0.1;
/** Stock of an ordinary product: far more than its ~90 purchases of 1-3 units take. */
const AMPLE_STOCK = 1000;
/** Every 50th product is nearly sold out, so its buyers after the first few are rejected. */
const SCARCE_EVERY = 50;
const SCARCE_STOCK = 5;
const MAX_QUANTITY = 3;

/** How many events of each kind the load holds: what the stores must show once projected. */
export interface LoadCounts {
  readonly products: number;
  readonly customers: number;
  readonly purchases: number;
}

/** The events to publish, in publish order, and what they hold. */
export interface ShopLoad {
  readonly events: readonly EventEnvelope[];
  readonly counts: LoadCounts;
}

/**
 * N shop events as the app's commands would publish them, made with the app's envelope
 * helpers: the products first (1%), then customers (10%) registering among purchases (the
 * rest) of customers registered earlier in the load and of the products. Every product has
 * ample stock but one in fifty, which has 5 units: those are sold out after a few
 * purchases, and later purchases of them are rejected by the projector (PURCHASE_REJECTED).
 * Choices come from a seeded generator, so every run makes the same mix (the ids differ).
 */
export function makeShopLoad(total: number, runId: string): ShopLoad {
  const random = seededRandom(0x5eed);
  const productCount = Math.max(1, Math.round(total * PRODUCT_SHARE));
  const customerCount = Math.max(1, Math.round(total * CUSTOMER_SHARE));
  const purchaseCount = Math.max(0, total - productCount - customerCount);

  const events: EventEnvelope[] = [];
  const products = Array.from({ length: productCount }, (_, index) => {
    const product = {
      productId: randomUUID(),
      name: `Bench product ${index + 1} (${runId})`,
      // From cents, so the price has exactly two decimals (5.99 ... 104.99).
      price: (599 + (index % 100) * 100) / 100,
      stock: index % SCARCE_EVERY === SCARCE_EVERY - 1 ? SCARCE_STOCK : AMPLE_STOCK,
    };
    events.push(productAdded(product));
    return product;
  });

  // Customers spread evenly over the rest, the first one at its start: each purchase is of
  // a customer whose registration came before it (same key, so same partition, in order).
  const rest = customerCount + purchaseCount;
  const customers: string[] = [];
  for (let index = 0; index < rest; index++) {
    const due = Math.floor((index * customerCount) / rest) >= customers.length;
    if (customers.length < customerCount && (due || customers.length === 0)) {
      const customerId = randomUUID();
      const number = customers.length + 1;
      events.push(
        customerRegistered({
          customerId,
          name: `Bench customer ${number}`,
          email: `bench-${runId}-${number}@example.com`,
        }),
      );
      customers.push(customerId);
      continue;
    }
    const product = products[Math.floor(random() * products.length)];
    events.push(
      productPurchased({
        purchaseId: randomUUID(),
        customerId: customers[Math.floor(random() * customers.length)],
        productId: product.productId,
        productName: product.name,
        unitPrice: product.price,
        quantity: 1 + Math.floor(random() * MAX_QUANTITY),
      }),
    );
  }
  return {
    events,
    counts: {
      products: productCount,
      customers: customers.length,
      purchases: events.length - productCount - customers.length,
    },
  };
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
