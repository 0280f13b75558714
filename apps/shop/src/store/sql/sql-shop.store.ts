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
import type { At, PurchaseOutcome, ShopStore } from '../shop.store';
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
    // One statement: a new product, or a placeholder completed with the initial stock added
    // to what its purchases took; a product added already matches no row to update.
    await this.fork()
      .createQueryBuilder(ProductSchema)
      .insert({
        productId: fact.productId,
        name: fact.name,
        price: fact.price,
        stock: fact.stock,
        addedAt: fact.at,
      })
      .onConflict('productId')
      .merge({ name: fact.name, price: fact.price, addedAt: fact.at, stock: ADD_STOCK })
      .where({ addedAt: null })
      .execute('run');
  }

  async registerCustomer(fact: At<CustomerRegistered>): Promise<void> {
    await this.fork()
      .createQueryBuilder(CustomerSchema)
      .insert({
        customerId: fact.customerId,
        name: fact.name,
        email: fact.email,
        registeredAt: fact.at,
      })
      .onConflict('customerId')
      .ignore()
      .execute('run');
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
    await this.fork().transactional(async (tx) => {
      if (!(await recordPurchase(tx, fact, outcome))) return;
      if (outcome.status !== 'completed') return;
      // The stock goes down whatever is left: the log decided already. A product not added
      // yet becomes a placeholder holding the negative stock its purchases took.
      await tx
        .createQueryBuilder(ProductSchema)
        .insert({ productId: fact.productId, stock: -fact.quantity })
        .onConflict('productId')
        .merge({ stock: ADD_STOCK })
        .execute('run');
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
    .insert({
      purchaseId: fact.purchaseId,
      customerId: fact.customerId,
      productId: fact.productId,
      productName: fact.productName,
      unitPrice: fact.unitPrice,
      quantity: fact.quantity,
      status: outcome.status,
      reason: outcome.status === 'rejected' ? outcome.reason : null,
      purchasedAt: fact.at,
    })
    .onConflict('purchaseId')
    .ignore()
    .execute('run');
  return result.affectedRows > 0;
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
