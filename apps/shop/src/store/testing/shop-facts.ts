import { randomUUID } from 'node:crypto';
import type {
  CustomerRegistered,
  ProductAdded,
  ProductPurchased,
} from '../../events/shop-event.data';
import type { At } from '../shop.store';

/*
 * Facts as the projector hands them to a store, each with fresh ids unless told otherwise.
 * Times are `toISOString()`'s, as the shop's envelopes carry them.
 */

/** `2024-05-01T12:00:00.000Z` plus `minutes`. */
export function minute(minutes: number): string {
  return new Date(Date.UTC(2024, 4, 1, 12, minutes)).toISOString();
}

export function productAdded(overrides: Partial<At<ProductAdded>> = {}): At<ProductAdded> {
  return {
    productId: randomUUID(),
    name: 'Kubek "Zażółć" 300 ml',
    price: 19.99,
    stock: 5,
    at: minute(0),
    ...overrides,
  };
}

export function customerRegistered(
  overrides: Partial<At<CustomerRegistered>> = {},
): At<CustomerRegistered> {
  const customerId = overrides.customerId ?? randomUUID();
  return {
    customerId,
    name: 'Ada Lovelace',
    email: `ada.${customerId}@example.com`,
    at: minute(0),
    ...overrides,
  };
}

/** A purchase of one unit of `product` by `customer`, at the shop's name and price. */
export function productPurchased(
  customer: Pick<CustomerRegistered, 'customerId'>,
  product: Pick<ProductAdded, 'productId' | 'name' | 'price'>,
  overrides: Partial<At<ProductPurchased>> = {},
): At<ProductPurchased> {
  return {
    purchaseId: randomUUID(),
    customerId: customer.customerId,
    productId: product.productId,
    productName: product.name,
    unitPrice: product.price,
    quantity: 1,
    at: minute(10),
    ...overrides,
  };
}

/** Ids ordered as strings, for cases about ties broken by id. */
export function orderedIds(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID()).sort();
}
