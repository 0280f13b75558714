/*
 * The shop's commands and queries as every entry point calls them (REST, GraphQL, and the
 * CLI through REST). Inputs are plain objects (a parsed body, GraphQL args): the services
 * check them themselves, so every entry point refuses the same input with the same
 * libs/platform domain error (InputValidationError, NotFoundError, ConflictError), which
 * DomainErrorFilter answers per protocol. A command publishes one event and returns at once;
 * the stores show its effect once the projector has handled the event.
 */
import type { Customer, Page, Product, Purchase, PurchaseStatus } from '../store/shop.read-models';

export interface AddProductInput {
  /** 1..200 characters, trimmed. */
  readonly name: string;
  /** More than 0, at most 1,000,000, at most two decimals. */
  readonly price: number;
  /** Whole units, 0..1,000,000. */
  readonly stock: number;
}

export interface RegisterCustomerInput {
  /** 1..200 characters, trimmed. */
  readonly name: string;
  /** An e-mail address, not registered yet (compared in lower case). */
  readonly email: string;
}

export interface PurchaseInput {
  readonly customerId: string;
  readonly productId: string;
  /** Whole units, 1..100; 1 when absent. */
  readonly quantity?: number;
}

/** What each command answers: the id it assigned and the id of the event it published. */
export interface ProductAccepted {
  readonly productId: string;
  readonly eventId: string;
}
export interface CustomerAccepted {
  readonly customerId: string;
  readonly eventId: string;
}
export interface PurchaseAccepted {
  readonly purchaseId: string;
  readonly eventId: string;
}

export interface ShopCommands {
  /** PRODUCT_ADDED. Throws InputValidationError naming the bad fields. */
  addProduct(input: unknown): Promise<ProductAccepted>;
  /** CUSTOMER_REGISTERED. InputValidationError, or ConflictError on `email` when taken. */
  registerCustomer(input: unknown): Promise<CustomerAccepted>;
  /**
   * PRODUCT_PURCHASED, after checking against the stores: InputValidationError; NotFoundError
   * for an unknown customer or product; OutOfStockError (a ConflictError on `quantity`) when
   * fewer units are left. The
   * projector still decides (two customers may race for the last unit) and rejects with
   * PURCHASE_REJECTED, visible as the purchase's status.
   */
  purchase(input: unknown): Promise<PurchaseAccepted>;
}

export interface PageInput {
  /** 1..100, default 20. */
  readonly limit?: number;
  /** 0 or more, default 0. */
  readonly offset?: number;
}

export interface PurchaseQueryInput extends PageInput {
  readonly customerId?: string;
  readonly productId?: string;
  readonly status?: PurchaseStatus;
}

export interface ShopQueries {
  /** NotFoundError when unknown (also before the projector has added it). */
  product(productId: string): Promise<Product>;
  products(page: unknown): Promise<Page<Product>>;
  customer(customerId: string): Promise<Customer>;
  customers(page: unknown): Promise<Page<Customer>>;
  purchase(purchaseId: string): Promise<Purchase>;
  purchases(filter: unknown): Promise<Page<Purchase>>;
}

export const SHOP_COMMANDS = Symbol('SHOP_COMMANDS');
export const SHOP_QUERIES = Symbol('SHOP_QUERIES');
