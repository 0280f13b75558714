import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, mongo, QueryFilter } from 'mongoose';
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
import { CUSTOMER_MODEL, type CustomerDocument } from './customer.schema';
import { PRODUCT_MODEL, type ProductDocument, RECENT_PURCHASES_WINDOW } from './product.schema';
import { PURCHASE_MODEL, type PurchaseDocument } from './purchase.schema';

const DUPLICATE_KEY = 11000;
const COMPLETED: PurchaseOutcome = { status: 'completed' };

/** What the stores return of a product: never its bookkeeping. */
const PRODUCT_FIELDS = { recentPurchases: 0 } as const;

/**
 * The shop's stores in MongoDB through mongoose: collections `products`, `customers` (with
 * the owned items embedded) and `purchases`.
 *
 * MongoDB here may be the wire server of scripts/services.sh, which has no transactions, so
 * every write is a single-document conditional update, and a purchase is steps that each
 * apply once, however often they run:
 *   (a) the purchase document exists: its recorded outcome is the answer, nothing to do;
 *   (b) the customer must exist;
 *   (c) the stock is taken by ONE conditional update of the product, matching only while
 *       enough units are left and the purchase is not among the product's
 *       `recentPurchases`, to which it adds it; matching nothing, a second look says why
 *       (no product, taken already, out of stock);
 *   (d) the owned item joins the customer unless they own that purchase already;
 *   (e) the purchase document with its outcome is written last.
 * A crash anywhere before (e) leaves the event uncommitted; its redelivery finds no purchase
 * document and goes through the same steps, each finding its own work done. Two deliveries
 * at once do the same: (c) matches for one, the other finds the purchase in the window.
 *
 * `recentPurchases` is a bounded window (the last RECENT_PURCHASES_WINDOW purchases of the
 * product): a redelivery comes within the backlog the consumer had not committed, far fewer
 * purchases of one product than that, and a purchase whose (e) was written is answered by
 * (a) whenever it comes.
 *
 * A placeholder product or customer (a replay applied purchases before the product's
 * PRODUCT_ADDED or the customer's registration) is a document without `addedAt` or
 * `registeredAt`: `getProduct` and `getCustomer` answer `undefined` for it, as for an id
 * never heard of, and no list shows it, until the fact it waited for completes it.
 */
@Injectable()
export class MongoShopStore implements ShopStore {
  constructor(
    @InjectModel(PRODUCT_MODEL) private readonly products: Model<ProductDocument>,
    @InjectModel(CUSTOMER_MODEL) private readonly customers: Model<CustomerDocument>,
    @InjectModel(PURCHASE_MODEL) private readonly purchases: Model<PurchaseDocument>,
  ) {}

  // Writes go through the driver: the updates are built here as they must run, and
  // mongoose's casting and upsert defaults would only get in their way.
  private get productCollection() {
    return this.products.collection as unknown as mongo.Collection<ProductDocument>;
  }

  private get customerCollection() {
    return this.customers.collection as unknown as mongo.Collection<CustomerDocument>;
  }

  private get purchaseCollection() {
    return this.purchases.collection as unknown as mongo.Collection<PurchaseDocument>;
  }

  async addProduct(fact: At<ProductAdded>): Promise<void> {
    await this.addProducts([fact]);
  }

  async registerCustomer(fact: At<CustomerRegistered>): Promise<void> {
    await this.registerCustomers([fact]);
  }

  async decidePurchase(fact: At<ProductPurchased>): Promise<PurchaseOutcome> {
    const recorded = await this.recordedOutcome(fact.purchaseId);
    if (recorded) return recorded;
    const outcome = await this.decide(fact);
    if (outcome.status === 'completed') await this.addOwnedItem(fact, false);
    return this.recordPurchase(fact, outcome);
  }

  async applyPurchaseOutcome(fact: At<ProductPurchased>, outcome: PurchaseOutcome): Promise<void> {
    await this.applyLogged([{ type: 'purchase', fact, outcome }]);
  }

  /**
   * The steps of a purchase a batch at a time, a few bulk writes for the whole batch: the
   * products and customers (which commute with what purchases do to them), then, for the
   * purchases not recorded yet, (c) one update a product taking all their units and (d) one
   * a customer adding all their items, and (e) the purchase documents last. An update whose
   * product or customer has some of its purchases already (a redelivery cut differently)
   * matches nothing; its purchases then go one by one, each taking its own units once.
   */
  async applyLogged(facts: readonly LoggedFact[]): Promise<void> {
    const batch = LoggedBatch.of(facts);
    if (batch.isEmpty) return;
    await Promise.all([this.addProducts(batch.products), this.registerCustomers(batch.customers)]);
    const unrecorded = await this.unrecorded(batch.purchases);
    const completed = batch.completedAmong(unrecorded);
    await Promise.all([this.takeStock(completed), this.addOwnedItems(completed)]);
    await this.recordPurchases(
      batch.purchases.filter(({ fact }) => unrecorded.has(fact.purchaseId)),
    );
  }

  async getProduct(productId: string): Promise<Product | undefined> {
    const document = await this.products
      .findOne({ _id: productId, addedAt: { $ne: null } }, PRODUCT_FIELDS)
      .lean<ProductDocument>()
      .exec();
    return document ? toProduct(document) : undefined;
  }

  async listProducts(page: PageRequest): Promise<Page<Product>> {
    const where: QueryFilter<ProductDocument> = { addedAt: { $ne: null } };
    const [documents, total] = await Promise.all([
      // MongoDB reads `limit(0)` as "no limit".
      page.limit < 1
        ? []
        : this.products
            .find(where, PRODUCT_FIELDS)
            .sort({ addedAt: -1, _id: -1 })
            .skip(page.offset)
            .limit(page.limit)
            .lean<ProductDocument[]>()
            .exec(),
      this.products.countDocuments(where).exec(),
    ]);
    return { items: documents.map(toProduct), total };
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const document = await this.customers
      .findOne({ _id: customerId, registeredAt: { $ne: null } })
      .lean<CustomerDocument>()
      .exec();
    return document ? toCustomer(document) : undefined;
  }

  /** The e-mail as stored (the register command keeps it in lower case); the first registered. */
  async findCustomerByEmail(email: string): Promise<Customer | undefined> {
    const document = await this.customers
      .findOne({ email, registeredAt: { $ne: null } })
      .sort({ registeredAt: 1, _id: 1 })
      .lean<CustomerDocument>()
      .exec();
    return document ? toCustomer(document) : undefined;
  }

  async listCustomers(page: PageRequest): Promise<Page<Customer>> {
    const where: QueryFilter<CustomerDocument> = { registeredAt: { $ne: null } };
    const [documents, total] = await Promise.all([
      page.limit < 1
        ? []
        : this.customers
            .find(where)
            .sort({ registeredAt: -1, _id: -1 })
            .skip(page.offset)
            .limit(page.limit)
            .lean<CustomerDocument[]>()
            .exec(),
      this.customers.countDocuments(where).exec(),
    ]);
    return { items: documents.map(toCustomer), total };
  }

  async getPurchase(purchaseId: string): Promise<Purchase | undefined> {
    const document = await this.purchases
      .findOne({ _id: purchaseId })
      .lean<PurchaseDocument>()
      .exec();
    return document ? toPurchase(document) : undefined;
  }

  async listPurchases(filter: PurchaseFilter): Promise<Page<Purchase>> {
    const where: QueryFilter<PurchaseDocument> = {
      ...(filter.customerId !== undefined && { customerId: filter.customerId }),
      ...(filter.productId !== undefined && { productId: filter.productId }),
      ...(filter.status !== undefined && { status: filter.status }),
    };
    const [documents, total] = await Promise.all([
      filter.limit < 1
        ? []
        : this.purchases
            .find(where)
            .sort({ purchasedAt: -1, _id: -1 })
            .skip(filter.offset)
            .limit(filter.limit)
            .lean<PurchaseDocument[]>()
            .exec(),
      this.purchases.countDocuments(where).exec(),
    ]);
    return { items: documents.map(toPurchase), total };
  }

  async clear(): Promise<void> {
    await Promise.all([
      this.purchases.deleteMany({}).exec(),
      this.customers.deleteMany({}).exec(),
      this.products.deleteMany({}).exec(),
    ]);
  }

  /**
   * Matches a new product or a placeholder, which gets the initial stock added to what its
   * purchases took. A product added already matches nothing, so the upsert tries to insert
   * its `_id` again: that duplicate key means "added already".
   */
  private async addProducts(products: readonly At<ProductAdded>[]): Promise<void> {
    await bulkUpserts(
      this.productCollection,
      products.map((fact) => ({
        updateOne: {
          filter: { _id: fact.productId, addedAt: null },
          update: {
            $set: { name: fact.name, price: fact.price, addedAt: fact.at },
            $inc: { stock: fact.stock },
          },
          upsert: true,
        },
      })),
    );
  }

  /** As addProducts: a placeholder keeps the owned items it holds. */
  private async registerCustomers(customers: readonly At<CustomerRegistered>[]): Promise<void> {
    await bulkUpserts(
      this.customerCollection,
      customers.map((fact) => ({
        updateOne: {
          filter: { _id: fact.customerId, registeredAt: null },
          update: {
            $set: { name: fact.name, email: fact.email, registeredAt: fact.at },
            $setOnInsert: { owned: [] },
          },
          upsert: true,
        },
      })),
    );
  }

  /** The ids of the purchases that have no document yet. */
  private async unrecorded(purchases: readonly LoggedPurchase[]): Promise<Set<string>> {
    const ids = purchases.map(({ fact }) => fact.purchaseId);
    if (ids.length === 0) return new Set();
    const recorded = await this.purchaseCollection
      .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
      .toArray();
    const known = new Set(recorded.map((document) => document._id));
    return new Set(ids.filter((id) => !known.has(id)));
  }

  /**
   * Step (c) during a replay, one update a product: the stock goes down whatever is left
   * (the log decided already), on a placeholder (upserted) when the product is not added
   * yet. A product that has one of the purchases in its window matches nothing, the upsert
   * hits its `_id`, and those purchases go one at a time.
   */
  private async takeStock(purchases: readonly At<ProductPurchased>[]): Promise<void> {
    const byProduct = [...groupBy(purchases, (fact) => fact.productId)];
    const failed = await bulkUpserts(
      this.productCollection,
      byProduct.map(([productId, facts]) => ({
        updateOne: {
          filter: { _id: productId, recentPurchases: { $nin: facts.map(purchaseIdOf) } },
          update: takeUnits(facts),
          upsert: true,
        },
      })),
    );
    for (const index of failed) {
      for (const fact of byProduct[index][1]) {
        await ignoringDuplicate(
          this.productCollection.updateOne(
            { _id: fact.productId, recentPurchases: { $ne: fact.purchaseId } },
            takeUnits([fact]),
            { upsert: true },
          ),
        );
      }
    }
  }

  /** Step (d) during a replay, one update a customer, as takeStock does for products. */
  private async addOwnedItems(purchases: readonly At<ProductPurchased>[]): Promise<void> {
    const byCustomer = [...groupBy(purchases, (fact) => fact.customerId)];
    const failed = await bulkUpserts(
      this.customerCollection,
      byCustomer.map(([customerId, facts]) => ({
        updateOne: {
          filter: { _id: customerId, 'owned.purchaseId': { $nin: facts.map(purchaseIdOf) } },
          update: { $push: { owned: { $each: facts.map(toOwnedItem) } } },
          upsert: true,
        },
      })),
    );
    for (const index of failed) {
      for (const fact of byCustomer[index][1]) await this.addOwnedItem(fact, true);
    }
  }

  /** Step (e) during a replay: the purchase documents, those recorded meanwhile left alone. */
  private async recordPurchases(purchases: readonly LoggedPurchase[]): Promise<void> {
    if (purchases.length === 0) return;
    try {
      await this.purchaseCollection.insertMany(
        purchases.map(({ fact, outcome }) => toPurchaseDocument(fact, outcome)),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** Steps (b) and (c): the customer, then the stock in one conditional update. */
  private async decide(fact: At<ProductPurchased>): Promise<PurchaseOutcome> {
    const customer = await this.customerCollection.findOne(
      { _id: fact.customerId, registeredAt: { $ne: null } },
      { projection: { _id: 1 } },
    );
    if (!customer) {
      return { status: 'rejected', reason: `customer ${fact.customerId} does not exist` };
    }
    for (;;) {
      const taken = await this.productCollection.updateOne(
        {
          _id: fact.productId,
          addedAt: { $ne: null },
          stock: { $gte: fact.quantity },
          recentPurchases: { $ne: fact.purchaseId },
        },
        takeUnits([fact]),
      );
      if (taken.matchedCount > 0) return COMPLETED;
      // Matched nothing: why? Taken by an earlier delivery of this purchase first.
      const applied = await this.productCollection.findOne(
        { _id: fact.productId, recentPurchases: fact.purchaseId },
        { projection: { _id: 1 } },
      );
      if (applied) return COMPLETED;
      const product = await this.productCollection.findOne(
        { _id: fact.productId, addedAt: { $ne: null } },
        { projection: { stock: 1 } },
      );
      if (!product)
        return { status: 'rejected', reason: `product ${fact.productId} does not exist` };
      if (product.stock < fact.quantity) {
        return {
          status: 'rejected',
          reason: `product ${fact.productId} is out of stock: ${product.stock} left, ${fact.quantity} asked`,
        };
      }
      // Enough units now (the product was completed meanwhile): try again.
    }
  }

  /**
   * Step (d): the item joins the customer unless they own that purchase already. During a
   * replay (`upsert`) a customer not registered yet becomes a placeholder holding it; there,
   * matching nothing on a customer who owns it already, the upsert hits the `_id`.
   */
  private async addOwnedItem(fact: At<ProductPurchased>, upsert: boolean): Promise<void> {
    await ignoringDuplicate(
      this.customerCollection.updateOne(
        { _id: fact.customerId, 'owned.purchaseId': { $ne: fact.purchaseId } },
        { $push: { owned: toOwnedItem(fact) } },
        { upsert },
      ),
    );
  }

  /** Step (e): the purchase with its outcome, or the outcome recorded first by another. */
  private async recordPurchase(
    fact: At<ProductPurchased>,
    outcome: PurchaseOutcome,
  ): Promise<PurchaseOutcome> {
    const document = toPurchaseDocument(fact, outcome);
    try {
      await this.purchaseCollection.insertOne(document);
      return outcome;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const first = await this.recordedOutcome(fact.purchaseId);
      if (!first) throw error;
      return first;
    }
  }

  private async recordedOutcome(purchaseId: string): Promise<PurchaseOutcome | undefined> {
    const document = await this.purchaseCollection.findOne(
      { _id: purchaseId },
      { projection: { status: 1, reason: 1 } },
    );
    if (!document) return undefined;
    return document.status === 'completed'
      ? COMPLETED
      : { status: 'rejected', reason: document.reason ?? '' };
  }
}

/** Step (c)'s change: the units taken, and the purchases remembered in the window. */
function takeUnits(facts: readonly At<ProductPurchased>[]): mongo.UpdateFilter<ProductDocument> {
  const units = facts.reduce((sum, fact) => sum + fact.quantity, 0);
  return {
    $inc: { stock: -units },
    $push: {
      recentPurchases: { $each: facts.map(purchaseIdOf), $slice: -RECENT_PURCHASES_WINDOW },
    },
  };
}

function purchaseIdOf(fact: At<ProductPurchased>): string {
  return fact.purchaseId;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Runs upserts unordered in one request; returns the indexes of those that hit a duplicate
 * key (their filter matched nothing on a document that exists: "done already" for an add,
 * "some of it done already" for a batch of purchases). Any other failure is thrown.
 */
async function bulkUpserts<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  operations: mongo.AnyBulkWriteOperation<T>[],
): Promise<number[]> {
  if (operations.length === 0) return [];
  try {
    await collection.bulkWrite(operations, { ordered: false });
    return [];
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    return writeErrorsOf(error).map((writeError) => writeError.index);
  }
}

/** A bulk write's failure in which every failed write was a duplicate key. */
function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = writeErrorsOf(error);
  return (
    writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY)
  );
}

function writeErrorsOf(error: unknown): { index: number; code: number }[] {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (Array.isArray(writeErrors)) return writeErrors as { index: number; code: number }[];
  // The driver gives a lone write error as an object, not an array of one.
  return writeErrors && typeof writeErrors === 'object'
    ? [writeErrors as { index: number; code: number }]
    : [];
}

function toPurchaseDocument(
  fact: At<ProductPurchased>,
  outcome: PurchaseOutcome,
): PurchaseDocument {
  const document: PurchaseDocument = {
    _id: fact.purchaseId,
    customerId: fact.customerId,
    productId: fact.productId,
    productName: fact.productName,
    unitPrice: fact.unitPrice,
    quantity: fact.quantity,
    status: outcome.status,
    purchasedAt: fact.at,
  };
  if (outcome.status === 'rejected') document.reason = outcome.reason;
  return document;
}

/** Runs a write whose duplicate-key error (11000) means "done already". */
async function ignoringDuplicate(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

function toProduct(document: ProductDocument): Product {
  return {
    productId: document._id,
    name: document.name ?? '',
    price: document.price ?? 0,
    stock: document.stock,
    addedAt: document.addedAt ?? '',
  };
}

function toCustomer(document: CustomerDocument): Customer {
  return {
    customerId: document._id,
    name: document.name ?? '',
    email: document.email ?? '',
    registeredAt: document.registeredAt ?? '',
    owned: (document.owned ?? []).map(copyOwnedItem).sort(oldestFirst),
  };
}

/** The item as the read model has it, whatever else a stored one may carry. */
function copyOwnedItem(item: OwnedItem): OwnedItem {
  return {
    purchaseId: item.purchaseId,
    productId: item.productId,
    productName: item.productName,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
    purchasedAt: item.purchasedAt,
  };
}

function toOwnedItem(fact: At<ProductPurchased>): OwnedItem {
  return copyOwnedItem({ ...fact, purchasedAt: fact.at });
}

/** By purchasedAt, then purchaseId, compared as strings byte by byte, as MongoDB sorts. */
function oldestFirst(a: OwnedItem, b: OwnedItem): number {
  return compareStrings(a.purchasedAt, b.purchasedAt) || compareStrings(a.purchaseId, b.purchaseId);
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function toPurchase(document: PurchaseDocument): Purchase {
  const purchase: Purchase = {
    purchaseId: document._id,
    customerId: document.customerId,
    productId: document.productId,
    productName: document.productName,
    unitPrice: document.unitPrice,
    quantity: document.quantity,
    status: document.status,
    purchasedAt: document.purchasedAt,
  };
  return document.reason === undefined ? purchase : { ...purchase, reason: document.reason };
}
