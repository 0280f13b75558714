import type { CustomerRegistered, ProductAdded, ProductPurchased } from '../events/shop-event.data';
import type {
  Customer,
  Page,
  PageRequest,
  Product,
  Purchase,
  PurchaseFilter,
} from './shop.read-models';

/** A fact with the time of the event that carried it (the envelope's `time`, ISO 8601 UTC). */
export type At<T> = T & { readonly at: string };

export type PurchaseOutcome =
  { readonly status: 'completed' } | { readonly status: 'rejected'; readonly reason: string };

/**
 * One fact of the log as a replay applies it: a purchase comes with the outcome the log
 * holds for it.
 */
export type LoggedFact =
  | { readonly type: 'product-added'; readonly fact: At<ProductAdded> }
  | { readonly type: 'customer-registered'; readonly fact: At<CustomerRegistered> }
  | {
      readonly type: 'purchase';
      readonly fact: At<ProductPurchased>;
      readonly outcome: PurchaseOutcome;
    };

/**
 * The shop's stores (products, customers with their owned items, purchases): MongoDB in
 * production, SQLite embedded, PostgreSQL by URL. The projector is the only writer. Every
 * write is idempotent, since an event may be delivered twice (a crash before its offset was
 * committed), and atomic where it must be: a purchase takes stock, adds the owned item and
 * records itself together or not at all, and two purchases of the last unit never both win.
 *
 * Writes take facts, not documents: each adapter keeps its own layout (embedded owned items
 * in MongoDB, rows in SQL) and any bookkeeping it needs for idempotency, none of which shows
 * in the read models.
 */
export interface ShopStore {
  /**
   * PRODUCT_ADDED: the product with its initial stock. A second call for the same product
   * changes nothing. During a replay the product may already exist as a placeholder made by
   * {@link applyPurchaseOutcome} (stock below 0, no name): the call completes it, adding the
   * initial stock to what the placeholder holds.
   */
  addProduct(fact: At<ProductAdded>): Promise<void>;

  /** CUSTOMER_REGISTERED: the customer with no owned items. A second call changes nothing. */
  registerCustomer(fact: At<CustomerRegistered>): Promise<void>;

  /**
   * PRODUCT_PURCHASED, live: decides and applies it. Completed when the customer and the
   * product exist and the product has at least `quantity` units left: the stock goes down by
   * `quantity`, the item joins the customer's owned items, and the purchase is recorded
   * `completed`. Otherwise it is recorded `rejected` with the reason ("product ... is out of
   * stock: 1 left, 2 asked", "product ... does not exist", "customer ... does not exist") and
   * nothing else changes. A second call for the same purchase returns the first outcome and
   * changes nothing.
   */
  decidePurchase(fact: At<ProductPurchased>): Promise<PurchaseOutcome>;

  /**
   * PRODUCT_PURCHASED during a replay, whose outcome the log already holds (a
   * PURCHASE_REJECTED names the rejected ones): applies it without deciding again, so the
   * rebuilt stores end as the live ones did whatever order the partitions are read in. A
   * completed purchase of a product not added yet makes a placeholder with negative stock
   * (see {@link addProduct}). Idempotent like the others.
   */
  applyPurchaseOutcome(fact: At<ProductPurchased>, outcome: PurchaseOutcome): Promise<void>;

  /**
   * A replay's batch: ends as applying each fact in turn with {@link addProduct},
   * {@link registerCustomer} and {@link applyPurchaseOutcome} would, in a few writes for the
   * whole batch instead of several a fact (a replay goes through the whole log). Idempotent
   * per fact like those: a fact applied before, in this batch or in an earlier one cut
   * differently (a redelivery), changes nothing again.
   */
  applyLogged(facts: readonly LoggedFact[]): Promise<void>;

  getProduct(productId: string): Promise<Product | undefined>;
  /** Newest first (by `addedAt`, then `productId`); placeholders are not listed. */
  listProducts(page: PageRequest): Promise<Page<Product>>;
  getCustomer(customerId: string): Promise<Customer | undefined>;
  findCustomerByEmail(email: string): Promise<Customer | undefined>;
  /** Newest first (by `registeredAt`, then `customerId`). */
  listCustomers(page: PageRequest): Promise<Page<Customer>>;
  getPurchase(purchaseId: string): Promise<Purchase | undefined>;
  /** Newest first (by `purchasedAt`, then `purchaseId`). */
  listPurchases(filter: PurchaseFilter): Promise<Page<Purchase>>;

  /** Empties every store: a replay starts from nothing. */
  clear(): Promise<void>;
}

export const SHOP_STORE = Symbol('SHOP_STORE');
