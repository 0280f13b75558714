/*
 * What the stores hold, as every adapter returns it (plain objects, times as ISO 8601 UTC
 * strings). Two stores rebuilt from the same log return deeply equal read models: nothing
 * here depends on when or in what order the projector ran (no projection timestamps).
 */

export interface Product {
  readonly productId: string;
  readonly name: string;
  readonly price: number;
  /** Units left: the initial stock less every completed purchase. */
  readonly stock: number;
  /** The PRODUCT_ADDED event's time. */
  readonly addedAt: string;
}

/** One completed purchase in a customer's list of owned items. */
export interface OwnedItem {
  readonly purchaseId: string;
  readonly productId: string;
  readonly productName: string;
  readonly unitPrice: number;
  readonly quantity: number;
  /** The PRODUCT_PURCHASED event's time. */
  readonly purchasedAt: string;
}

export interface Customer {
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
  /** The CUSTOMER_REGISTERED event's time. */
  readonly registeredAt: string;
  /** Completed purchases, oldest first (by `purchasedAt`, then `purchaseId`). */
  readonly owned: readonly OwnedItem[];
}

export type PurchaseStatus = 'completed' | 'rejected';

export interface Purchase {
  readonly purchaseId: string;
  readonly customerId: string;
  readonly productId: string;
  readonly productName: string;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly status: PurchaseStatus;
  /** Why it was rejected; absent when completed. */
  readonly reason?: string;
  readonly purchasedAt: string;
}

/** A page of a list, newest first unless said otherwise, with the total of the whole list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface PageRequest {
  /** 1..100 */
  readonly limit: number;
  /** 0 or more */
  readonly offset: number;
}

export interface PurchaseFilter extends PageRequest {
  readonly customerId?: string;
  readonly productId?: string;
  readonly status?: PurchaseStatus;
}
