import type { ShopStore } from '../../apps/shop/src/store/shop.store';

/** What the stores hold, in figures two runs over the same log must agree on. */
export interface StoreSnapshot {
  readonly products: number;
  readonly customers: number;
  readonly completed: number;
  readonly rejected: number;
  /** Units left over every product. */
  readonly stock: number;
  /** Each product's units left, by id: a replay must give every product back its own. */
  readonly stockByProduct: ReadonlyMap<string, number>;
}

const PAGE = 100;

/**
 * Reads the snapshot through the app's own store port (totals of its lists, and every
 * product a page at a time), so the figures are what the API would show.
 */
export async function snapshotOf(store: ShopStore): Promise<StoreSnapshot> {
  const stockByProduct = new Map<string, number>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listProducts({ limit: PAGE, offset });
    for (const product of page.items) stockByProduct.set(product.productId, product.stock);
    if (page.items.length < PAGE || offset + PAGE >= page.total) break;
  }
  const [customers, completed, rejected] = await Promise.all([
    store.listCustomers({ limit: 0, offset: 0 }),
    store.listPurchases({ limit: 0, offset: 0, status: 'completed' }),
    store.listPurchases({ limit: 0, offset: 0, status: 'rejected' }),
  ]);
  let stock = 0;
  for (const units of stockByProduct.values()) stock += units;
  return {
    products: stockByProduct.size,
    customers: customers.total,
    completed: completed.total,
    rejected: rejected.total,
    stock,
    stockByProduct,
  };
}

/** The differences between two snapshots, in words; none when they agree. */
export function snapshotDifferences(before: StoreSnapshot, after: StoreSnapshot): string[] {
  const differences: string[] = [];
  for (const field of ['products', 'customers', 'completed', 'rejected', 'stock'] as const) {
    if (before[field] !== after[field]) {
      differences.push(`${field}: ${before[field]} before, ${after[field]} after`);
    }
  }
  let products = 0;
  for (const [productId, units] of before.stockByProduct) {
    if (after.stockByProduct.get(productId) !== units) products += 1;
  }
  if (products > 0) differences.push(`${products} products with another stock`);
  return differences;
}
