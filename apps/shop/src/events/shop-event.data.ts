/*
 * The data of each shop event, as it travels in the envelope (JSON). Times are ISO 8601 UTC
 * strings; prices are numbers with at most two decimals. Every fact carries what the
 * projections need, so a replay of the log rebuilds the stores without asking anyone.
 */

/** PRODUCT_ADDED */
export interface ProductAdded {
  readonly productId: string;
  readonly name: string;
  readonly price: number;
  /** Units in stock when added (0 or more). */
  readonly stock: number;
}

/** CUSTOMER_REGISTERED */
export interface CustomerRegistered {
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
}

/**
 * PRODUCT_PURCHASED. The product's name and price are copied in when the command is
 * accepted: what the customer bought is what the shop showed them, whatever happens to the
 * product later.
 */
export interface ProductPurchased {
  readonly purchaseId: string;
  readonly customerId: string;
  readonly productId: string;
  readonly productName: string;
  readonly unitPrice: number;
  readonly quantity: number;
}

/** PURCHASE_REJECTED: the purchase as asked, and why the projector refused it. */
export interface PurchaseRejected extends ProductPurchased {
  readonly reason: string;
}
