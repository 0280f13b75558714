import { EntityManager, type FilterQuery, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import type {
  CustomerRegistered,
  ProductAdded,
  ProductPurchased,
} from '../../events/shop-event.data';
import type {
  Customer,
  OwnedItem,
  Page,
  PageRequest,
  Product,
  Purchase,
  PurchaseFilter,
} from '../shop.read-models';
import { LoggedBatch, type LoggedPurchase } from '../logged-batch';
import type { At, LoggedFact, PurchaseOutcome, ShopStore } from '../shop.store';
import { type CustomerRow, CustomerSchema } from './customer.entity';
import { type ProductRow, ProductSchema } from './product.entity';
import { type PurchaseRow, PurchaseSchema } from './purchase.entity';

const COMPLETED: PurchaseOutcome = { status: 'completed' };

/** Adds the proposed row's stock to the stored one, in an upsert's conflict clause. */
const ADD_STOCK = raw('"products"."stock" + "excluded"."stock"');

/** Thrown inside a purchase's transaction to roll it back: someone recorded it first. */
class RecordedMeanwhile extends Error {}

/**
 * The shop's stores in SQLite or PostgreSQL, through MikroORM; each call forks its own
 * manager and every read returns plain objects built here, never managed entities.
 *
 * Idempotency comes from the primary keys: a product, customer or purchase id is inserted
 * once (`on conflict do nothing`). Atomicity from transactions: a purchase's stock and its
 * row are written in one, so a process that dies half-way wrote neither. Owned items are the
 * customer's completed purchases, so they need no write of their own.
 *
 * Two purchases of the last unit: the stock is taken by one conditional
 * `update ... set stock = stock - q where stock >= q`. PostgreSQL locks the row for the
 * first and re-reads it for the second, which then matches nothing; SQLite has one
 * connection, on which MikroORM runs one transaction at a time.
 *
 * A placeholder product (a completed purchase applied before its PRODUCT_ADDED during a
 * replay) is a row with no `added_at`: `getProduct` answers `undefined` for it, as for a
 * product never heard of, and no list shows it, until PRODUCT_ADDED completes it.
 */
@Injectable()
export class SqlShopStore implements ShopStore {
  constructor(private readonly em: EntityManager) {}

  async addProduct(fact: At<ProductAdded>): Promise<void> {
    await addProducts(this.fork(), [fact]);
  }

  async registerCustomer(fact: At<CustomerRegistered>): Promise<void> {
    await registerCustomers(this.fork(), [fact]);
  }

  async decidePurchase(fact: At<ProductPurchased>): Promise<PurchaseOutcome> {
    const recorded = await this.recordedOutcome(fact.purchaseId);
    if (recorded) return recorded;
    try {
      return await this.fork().transactional(async (tx) => {
        const outcome = await decide(tx, fact);
        if (!(await recordPurchase(tx, fact, outcome))) throw new RecordedMeanwhile();
        return outcome;
      });
    } catch (error) {
      // The same purchase decided at the same time elsewhere: its transaction committed
      // first, this one rolled back the stock it took. The first outcome stands.
      if (!(error instanceof RecordedMeanwhile)) throw error;
      const first = await this.recordedOutcome(fact.purchaseId);
      if (!first) throw new Error(`purchase ${fact.purchaseId} was recorded, then vanished`);
      return first;
    }
  }

  async applyPurchaseOutcome(fact: At<ProductPurchased>, outcome: PurchaseOutcome): Promise<void> {
    await this.applyLogged([{ type: 'purchase', fact, outcome }]);
  }

  /**
   * One transaction a batch, four statements at most: the new purchases inserted (those
   * recorded before are left out by `on conflict do nothing ... returning`), then the
   * products added, the stock each product's new completed purchases took, and the customers
   * registered, each as one multi-row upsert. A fact twice in the batch counts once.
   */
  async applyLogged(facts: readonly LoggedFact[]): Promise<void> {
    const batch = LoggedBatch.of(facts);
    if (batch.isEmpty) return;
    await this.fork().transactional(async (tx) => {
      const recorded = await recordPurchases(tx, batch.purchases);
      await addProducts(tx, batch.products);
      await takeStock(tx, batch.stockTakenBy(recorded));
      await registerCustomers(tx, batch.customers);
    });
  }

  async getProduct(productId: string): Promise<Product | undefined> {
    const row = await this.fork().findOne(
      ProductSchema,
      { productId, addedAt: { $ne: null } },
      { disableIdentityMap: true },
    );
    return row ? toProduct(row) : undefined;
  }

  async listProducts(page: PageRequest): Promise<Page<Product>> {
    const [rows, total] = await this.fork().findAndCount(
      ProductSchema,
      { addedAt: { $ne: null } },
      {
        orderBy: { addedAt: 'desc', productId: 'desc' },
        limit: page.limit,
        offset: page.offset,
        disableIdentityMap: true,
      },
    );
    return { items: rows.map(toProduct), total };
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    return this.findCustomer({ customerId });
  }

  /** The e-mail as stored (the register command keeps it in lower case); the first registered. */
  async findCustomerByEmail(email: string): Promise<Customer | undefined> {
    return this.findCustomer({ email });
  }

  async listCustomers(page: PageRequest): Promise<Page<Customer>> {
    const em = this.fork();
    const [rows, total] = await em.findAndCount(
      CustomerSchema,
      {},
      {
        orderBy: { registeredAt: 'desc', customerId: 'desc' },
        limit: page.limit,
        offset: page.offset,
        disableIdentityMap: true,
      },
    );
    const owned = await ownedItems(
      em,
      rows.map((row) => row.customerId),
    );
    return { items: rows.map((row) => toCustomer(row, owned.get(row.customerId))), total };
  }

  async getPurchase(purchaseId: string): Promise<Purchase | undefined> {
    const row = await this.fork().findOne(
      PurchaseSchema,
      { purchaseId },
      { disableIdentityMap: true },
    );
    return row ? toPurchase(row) : undefined;
  }

  async listPurchases(filter: PurchaseFilter): Promise<Page<Purchase>> {
    const where: FilterQuery<PurchaseRow> = {
      ...(filter.customerId !== undefined && { customerId: filter.customerId }),
      ...(filter.productId !== undefined && { productId: filter.productId }),
      ...(filter.status !== undefined && { status: filter.status }),
    };
    const [rows, total] = await this.fork().findAndCount(PurchaseSchema, where, {
      orderBy: { purchasedAt: 'desc', purchaseId: 'desc' },
      limit: filter.limit,
      offset: filter.offset,
      disableIdentityMap: true,
    });
    return { items: rows.map(toPurchase), total };
  }

  async clear(): Promise<void> {
    await this.fork().transactional(async (tx) => {
      await tx.nativeDelete(PurchaseSchema, {});
      await tx.nativeDelete(CustomerSchema, {});
      await tx.nativeDelete(ProductSchema, {});
    });
  }

  /** Both our drivers (SQLite, PostgreSQL) are SQL drivers: their managers build SQL. */
  private fork(): SqlEntityManager {
    return this.em.fork() as SqlEntityManager;
  }

  private async recordedOutcome(purchaseId: string): Promise<PurchaseOutcome | undefined> {
    const row = await this.fork().findOne(
      PurchaseSchema,
      { purchaseId },
      { fields: ['status', 'reason'], disableIdentityMap: true },
    );
    if (!row) return undefined;
    return row.status === 'completed'
      ? COMPLETED
      : { status: 'rejected', reason: row.reason ?? '' };
  }

  private async findCustomer(where: FilterQuery<CustomerRow>): Promise<Customer | undefined> {
    const em = this.fork();
    const row = await em.findOne(CustomerSchema, where, {
      orderBy: { registeredAt: 'asc', customerId: 'asc' },
      disableIdentityMap: true,
    });
    if (!row) return undefined;
    const owned = await ownedItems(em, [row.customerId]);
    return toCustomer(row, owned.get(row.customerId));
  }
}

/**
 * The live decision, inside the purchase's transaction: the customer first, then the stock
 * taken in one conditional update, and only when that matched nothing, why.
 */
async function decide(tx: SqlEntityManager, fact: At<ProductPurchased>): Promise<PurchaseOutcome> {
  const customers = await tx.count(CustomerSchema, { customerId: fact.customerId });
  if (customers === 0) {
    return { status: 'rejected', reason: `customer ${fact.customerId} does not exist` };
  }
  const taken = await tx
    .createQueryBuilder(ProductSchema)
    .update({ stock: raw('"stock" - ?', [fact.quantity]) })
    .where({ productId: fact.productId, addedAt: { $ne: null }, stock: { $gte: fact.quantity } })
    .execute('run');
  if (taken.affectedRows > 0) return COMPLETED;
  const product = await tx.findOne(
    ProductSchema,
    { productId: fact.productId, addedAt: { $ne: null } },
    { fields: ['stock'], disableIdentityMap: true },
  );
  if (!product) return { status: 'rejected', reason: `product ${fact.productId} does not exist` };
  return {
    status: 'rejected',
    reason: `product ${fact.productId} is out of stock: ${product.stock} left, ${fact.quantity} asked`,
  };
}

/** Inserts the purchase with its outcome; false when it was recorded already. */
async function recordPurchase(
  tx: SqlEntityManager,
  fact: At<ProductPurchased>,
  outcome: PurchaseOutcome,
): Promise<boolean> {
  const result = await tx
    .createQueryBuilder(PurchaseSchema)
    .insert(toPurchaseRow(fact, outcome))
    .onConflict('purchaseId')
    .ignore()
    .execute('run');
  return result.affectedRows > 0;
}

/** Inserts the purchases with their outcomes; the ids of those not recorded before. */
async function recordPurchases(
  tx: SqlEntityManager,
  purchases: readonly LoggedPurchase[],
): Promise<Set<string>> {
  if (purchases.length === 0) return new Set();
  const rows: { purchaseId: string }[] = await tx
    .createQueryBuilder(PurchaseSchema)
    .insert(purchases.map(({ fact, outcome }) => toPurchaseRow(fact, outcome)))
    .onConflict('purchaseId')
    .ignore()
    .returning('purchaseId')
    .execute('all');
  return new Set(rows.map((row) => row.purchaseId));
}

/**
 * New products, or placeholders completed with the initial stock added to what their
 * purchases took; a product added already matches no row to update.
 */
async function addProducts(tx: SqlEntityManager, products: readonly At<ProductAdded>[]) {
  if (products.length === 0) return;
  await tx
    .createQueryBuilder(ProductSchema)
    .insert(products.map((fact) => toProductRow(fact)))
    .onConflict('productId')
    .merge({
      name: raw('"excluded"."name"'),
      price: raw('"excluded"."price"'),
      addedAt: raw('"excluded"."added_at"'),
      stock: ADD_STOCK,
    })
    .where({ addedAt: null })
    .execute('run');
}

/** Takes the units from each product, making placeholders of those not added yet. */
async function takeStock(tx: SqlEntityManager, taken: ReadonlyMap<string, number>) {
  if (taken.size === 0) return;
  await tx
    .createQueryBuilder(ProductSchema)
    .insert([...taken].map(([productId, units]) => ({ productId, stock: -units })))
    .onConflict('productId')
    .merge({ stock: ADD_STOCK })
    .execute('run');
}

async function registerCustomers(
  tx: SqlEntityManager,
  customers: readonly At<CustomerRegistered>[],
) {
  if (customers.length === 0) return;
  await tx
    .createQueryBuilder(CustomerSchema)
    .insert(customers.map((fact) => toCustomerRow(fact)))
    .onConflict('customerId')
    .ignore()
    .execute('run');
}

/** The completed purchases of each customer, oldest first (by purchasedAt, then purchaseId). */
async function ownedItems(
  em: SqlEntityManager,
  customerIds: readonly string[],
): Promise<Map<string, OwnedItem[]>> {
  const owned = new Map<string, OwnedItem[]>();
  if (customerIds.length === 0) return owned;
  const rows = await em.find(
    PurchaseSchema,
    { customerId: { $in: [...customerIds] }, status: 'completed' },
    { orderBy: { purchasedAt: 'asc', purchaseId: 'asc' }, disableIdentityMap: true },
  );
  for (const row of rows) {
    const items = owned.get(row.customerId) ?? [];
    items.push(toOwnedItem(row));
    owned.set(row.customerId, items);
  }
  return owned;
}

/** Only rows with `added_at` are read as products: their other columns are set too. */
function toPurchaseRow(fact: At<ProductPurchased>, outcome: PurchaseOutcome): PurchaseRow {
  return {
    purchaseId: fact.purchaseId,
    customerId: fact.customerId,
    productId: fact.productId,
    productName: fact.productName,
    unitPrice: fact.unitPrice,
    quantity: fact.quantity,
    status: outcome.status,
    reason: outcome.status === 'rejected' ? outcome.reason : null,
    purchasedAt: fact.at,
  };
}

function toProductRow(fact: At<ProductAdded>): ProductRow {
  return {
    productId: fact.productId,
    name: fact.name,
    price: fact.price,
    stock: fact.stock,
    addedAt: fact.at,
  };
}

function toCustomerRow(fact: At<CustomerRegistered>): CustomerRow {
  return {
    customerId: fact.customerId,
    name: fact.name,
    email: fact.email,
    registeredAt: fact.at,
  };
}

function toProduct(row: ProductRow): Product {
  return {
    productId: row.productId,
    name: row.name ?? '',
    price: row.price ?? 0,
    stock: row.stock,
    addedAt: row.addedAt ?? '',
  };
}

function toCustomer(row: CustomerRow, owned: readonly OwnedItem[] = []): Customer {
  return {
    customerId: row.customerId,
    name: row.name,
    email: row.email,
    registeredAt: row.registeredAt,
    owned,
  };
}

function toOwnedItem(row: PurchaseRow): OwnedItem {
  return {
    purchaseId: row.purchaseId,
    productId: row.productId,
    productName: row.productName,
    unitPrice: row.unitPrice,
    quantity: row.quantity,
    purchasedAt: row.purchasedAt,
  };
}

function toPurchase(row: PurchaseRow): Purchase {
  const purchase: Purchase = {
    purchaseId: row.purchaseId,
    customerId: row.customerId,
    productId: row.productId,
    productName: row.productName,
    unitPrice: row.unitPrice,
    quantity: row.quantity,
    status: row.status,
    purchasedAt: row.purchasedAt,
  };
  return row.reason == null ? purchase : { ...purchase, reason: row.reason };
}
