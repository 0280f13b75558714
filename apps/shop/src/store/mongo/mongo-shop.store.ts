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

  /**
   * Matches a new product or a placeholder, which gets the initial stock added to what its
   * purchases took. A product added already matches nothing, so the upsert tries to insert
   * its `_id` again: that duplicate key means "added already".
   */
  async addProduct(fact: At<ProductAdded>): Promise<void> {
    await ignoringDuplicate(
      this.productCollection.updateOne(
        { _id: fact.productId, addedAt: null },
        {
          $set: { name: fact.name, price: fact.price, addedAt: fact.at },
          $inc: { stock: fact.stock },
        },
        { upsert: true },
      ),
    );
  }

  /** As addProduct: a placeholder keeps the owned items it holds. */
  async registerCustomer(fact: At<CustomerRegistered>): Promise<void> {
    await ignoringDuplicate(
      this.customerCollection.updateOne(
        { _id: fact.customerId, registeredAt: null },
        {
          $set: { name: fact.name, email: fact.email, registeredAt: fact.at },
          $setOnInsert: { owned: [] },
        },
        { upsert: true },
      ),
    );
  }

  async decidePurchase(fact: At<ProductPurchased>): Promise<PurchaseOutcome> {
    const recorded = await this.recordedOutcome(fact.purchaseId);
    if (recorded) return recorded;
    const outcome = await this.decide(fact);
    if (outcome.status === 'completed') await this.addOwnedItem(fact, false);
    return this.recordPurchase(fact, outcome);
  }

  async applyPurchaseOutcome(fact: At<ProductPurchased>, outcome: PurchaseOutcome): Promise<void> {
    if (await this.recordedOutcome(fact.purchaseId)) return;
    if (outcome.status === 'completed') {
      // The log decided already: the stock goes down whatever is left, on a placeholder
      // (upserted) when the product is not added yet. Matching nothing on a product that
      // has the purchase in its window, the upsert hits the `_id`: taken already.
      await ignoringDuplicate(
        this.productCollection.updateOne(
          { _id: fact.productId, recentPurchases: { $ne: fact.purchaseId } },
          takeUnits(fact),
          { upsert: true },
        ),
      );
      await this.addOwnedItem(fact, true);
    }
    await this.recordPurchase(fact, outcome);
  }

  /**
   * The steps of a purchase a batch at a time, for the replay: (a) the purchases recorded
   * already are left out; the products and customers the rest touch are read by `_id`, and
   * each gets ONE update by `_id` alone with what it lacks: its PRODUCT_ADDED or
   * registration unless it has it, the units (c) and owned items (d) of the purchases not in
   * its window or owned items yet; (e) the purchase documents last. A crash before (e)
   * leaves the purchases unrecorded, and a redelivery, cut into batches however, finds what
   * was done in the documents. Filters by `_id` alone, because the wire server scans a
   * collection for any other filter (bench/RESULTS.md, shop).
   *
   * Reading, then writing, is safe for the replay, the stores' only writer, whose batches
   * never carry the same fact at once; the live writes above stay conditional updates.
   */
  async applyLogged(facts: readonly LoggedFact[]): Promise<void> {
    const batch = LoggedBatch.of(facts);
    if (batch.isEmpty) return;
    const unrecorded = await this.unrecorded(batch.purchases);
    const completed = batch.completedAmong(unrecorded);
    await Promise.all([
      this.updateProducts(batch.products, completed),
      this.updateCustomers(batch.customers, completed),
    ]);
    await this.recordPurchases(
      batch.purchases.filter(({ fact }) => unrecorded.has(fact.purchaseId)),
    );
  }

  async getProduct(productId: string): Promise<Product | undefined> {
    // By `_id` alone, the placeholder check here: the wire server scans for other filters.
    const document = await this.products
      .findOne({ _id: productId }, PRODUCT_FIELDS)
      .lean<ProductDocument>()
      .exec();
    return document?.addedAt ? toProduct(document) : undefined;
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
      .findOne({ _id: customerId })
      .lean<CustomerDocument>()
      .exec();
    return document?.registeredAt ? toCustomer(document) : undefined;
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

  /** The products' part of a replayed batch: one update a product that lacks any of it. */
  private async updateProducts(
    added: readonly At<ProductAdded>[],
    purchases: readonly At<ProductPurchased>[],
  ): Promise<void> {
    const adds = new Map(added.map((fact) => [fact.productId, fact]));
    const bought = groupBy(purchases, (fact) => fact.productId);
    const ids = [...new Set([...adds.keys(), ...bought.keys()])];
    if (ids.length === 0) return;
    const stored = await this.productCollection
      .find({ _id: { $in: ids } }, { projection: { addedAt: 1, recentPurchases: 1 } })
      .toArray();
    const byId = new Map(stored.map((document) => [document._id, document]));
    const updates = ids.flatMap((id) => {
      const document = byId.get(id);
      const taken = new Set(document?.recentPurchases);
      const update = productUpdate(
        document?.addedAt ? undefined : adds.get(id),
        (bought.get(id) ?? []).filter((fact) => !taken.has(fact.purchaseId)),
      );
      return update ? [{ updateOne: { filter: { _id: id }, update, upsert: true } }] : [];
    });
    if (updates.length > 0) await this.productCollection.bulkWrite(updates, { ordered: false });
  }

  /** The customers' part of a replayed batch, as updateProducts does for products. */
  private async updateCustomers(
    registered: readonly At<CustomerRegistered>[],
    purchases: readonly At<ProductPurchased>[],
  ): Promise<void> {
    const registrations = new Map(registered.map((fact) => [fact.customerId, fact]));
    const bought = groupBy(purchases, (fact) => fact.customerId);
    const ids = [...new Set([...registrations.keys(), ...bought.keys()])];
    if (ids.length === 0) return;
    const stored = await this.customerCollection
      .find({ _id: { $in: ids } }, { projection: { registeredAt: 1, 'owned.purchaseId': 1 } })
      .toArray();
    const byId = new Map(stored.map((document) => [document._id, document]));
    const updates = ids.flatMap((id) => {
      const document = byId.get(id);
      const owned = new Set(document?.owned?.map((item) => item.purchaseId));
      const update = customerUpdate(
        document?.registeredAt ? undefined : registrations.get(id),
        (bought.get(id) ?? []).filter((fact) => !owned.has(fact.purchaseId)),
      );
      return update ? [{ updateOne: { filter: { _id: id }, update, upsert: true } }] : [];
    });
    if (updates.length > 0) await this.customerCollection.bulkWrite(updates, { ordered: false });
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
    // By `_id` alone, then looked at here: the wire server scans for any other filter.
    const customer = await this.customerCollection.findOne(
      { _id: fact.customerId },
      { projection: { registeredAt: 1 } },
    );
    if (!customer?.registeredAt) {
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
        takeUnits(fact),
      );
      if (taken.matchedCount > 0) return COMPLETED;
      // Matched nothing: why? Taken by an earlier delivery of this purchase first.
      const product = await this.productCollection.findOne(
        { _id: fact.productId },
        { projection: { stock: 1, addedAt: 1, recentPurchases: 1 } },
      );
      if (product?.recentPurchases?.includes(fact.purchaseId)) return COMPLETED;
      if (!product?.addedAt)
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
   * Step (d): the item joins the customer unless they own it already. A purchase always
   * makes the same item, so `$addToSet` adds it once, filtered by `_id` alone (the wire
   * server scans for any other filter). During a replay (`upsert`) a customer not registered
   * yet becomes a placeholder holding it.
   */
  private async addOwnedItem(fact: At<ProductPurchased>, upsert: boolean): Promise<void> {
    await this.customerCollection.updateOne(
      { _id: fact.customerId },
      { $addToSet: { owned: toOwnedItem(fact) } },
      { upsert },
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

/** Step (c)'s change: the units taken, and the purchase remembered in the window. */
function takeUnits(fact: At<ProductPurchased>): mongo.UpdateFilter<ProductDocument> {
  return { $inc: { stock: -fact.quantity }, $push: rememberPurchases([fact]) };
}

/** Adds the purchases to the product's window, which keeps the last RECENT_PURCHASES_WINDOW. */
function rememberPurchases(purchases: readonly At<ProductPurchased>[]) {
  return {
    recentPurchases: { $each: purchases.map(purchaseIdOf), $slice: -RECENT_PURCHASES_WINDOW },
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

/** A product's update for its PRODUCT_ADDED (if it lacks it) and new purchases; none if neither. */
function productUpdate(
  added: At<ProductAdded> | undefined,
  purchases: readonly At<ProductPurchased>[],
): mongo.UpdateFilter<ProductDocument> | undefined {
  if (!added && purchases.length === 0) return undefined;
  const units = purchases.reduce((sum, fact) => sum + fact.quantity, 0);
  const update: mongo.UpdateFilter<ProductDocument> = {
    $inc: { stock: (added?.stock ?? 0) - units },
  };
  if (added) update.$set = { name: added.name, price: added.price, addedAt: added.at };
  if (purchases.length > 0) update.$push = rememberPurchases(purchases);
  return update;
}

/** A customer's update for their registration (if they lack it) and new owned items. */
function customerUpdate(
  registered: At<CustomerRegistered> | undefined,
  purchases: readonly At<ProductPurchased>[],
): mongo.UpdateFilter<CustomerDocument> | undefined {
  const update: mongo.UpdateFilter<CustomerDocument> = {};
  if (registered) {
    update.$set = { name: registered.name, email: registered.email, registeredAt: registered.at };
  }
  if (purchases.length > 0) update.$push = { owned: { $each: purchases.map(toOwnedItem) } };
  // A customer new with nothing owned yet gets an empty list, as registerCustomer gives.
  else if (registered) update.$setOnInsert = { owned: [] };
  return registered || purchases.length > 0 ? update : undefined;
}

/** A bulk write's failure in which every failed write was a duplicate key. */
function onlyDuplicateKeys(error: unknown): boolean {
  // The driver gives a lone write error as an object, several as an array.
  const writeErrors = [(error as { writeErrors?: unknown } | null)?.writeErrors ?? []].flat();
  return writeErrors.length > 0 && writeErrors.every(isDuplicateKey);
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
