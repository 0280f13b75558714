import type { CustomerRegistered, ProductAdded, ProductPurchased } from '../events/shop-event.data';
import type { At, LoggedFact } from './shop.store';

export type LoggedPurchase = Extract<LoggedFact, { type: 'purchase' }>;

/**
 * A replay's batch sorted for writing a kind at a time (ShopStore.applyLogged): the first of
 * each id, since a fact twice in the batch applies once, and its order does not matter, as
 * every kind's writes commute (stock is added and taken, never set).
 */
export class LoggedBatch {
  private constructor(
    readonly products: readonly At<ProductAdded>[],
    readonly customers: readonly At<CustomerRegistered>[],
    readonly purchases: readonly LoggedPurchase[],
  ) {}

  static of(facts: readonly LoggedFact[]): LoggedBatch {
    const products = new Map<string, At<ProductAdded>>();
    const customers = new Map<string, At<CustomerRegistered>>();
    const purchases = new Map<string, LoggedPurchase>();
    for (const logged of facts) {
      if (logged.type === 'product-added') keepFirst(products, logged.fact.productId, logged.fact);
      else if (logged.type === 'customer-registered') {
        keepFirst(customers, logged.fact.customerId, logged.fact);
      } else keepFirst(purchases, logged.fact.purchaseId, logged);
    }
    return new LoggedBatch(
      [...products.values()],
      [...customers.values()],
      [...purchases.values()],
    );
  }

  get isEmpty(): boolean {
    return this.products.length + this.customers.length + this.purchases.length === 0;
  }

  /** The completed purchases among `ids` (those this batch applies now), in batch order. */
  completedAmong(ids: ReadonlySet<string>): At<ProductPurchased>[] {
    return this.purchases
      .filter(({ fact, outcome }) => outcome.status === 'completed' && ids.has(fact.purchaseId))
      .map(({ fact }) => fact);
  }

  /** Units the completed purchases among `ids` take from each product. */
  stockTakenBy(ids: ReadonlySet<string>): Map<string, number> {
    const taken = new Map<string, number>();
    for (const fact of this.completedAmong(ids)) {
      taken.set(fact.productId, (taken.get(fact.productId) ?? 0) + fact.quantity);
    }
    return taken;
  }
}

function keepFirst<T>(map: Map<string, T>, id: string, value: T): void {
  if (!map.has(id)) map.set(id, value);
}
