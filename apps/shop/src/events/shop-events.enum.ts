/** The shop's event types (UPPER_SNAKE), one line per event: adding one starts here. */
export enum ShopEvents {
  /** The operator added a product with its initial stock. Keyed by the product id. */
  PRODUCT_ADDED = 'PRODUCT_ADDED',
  /** A customer registered and may buy from now on. Keyed by the customer id. */
  CUSTOMER_REGISTERED = 'CUSTOMER_REGISTERED',
  /** A customer asked to buy a product; the projector decides. Keyed by the customer id. */
  PRODUCT_PURCHASED = 'PRODUCT_PURCHASED',
  /** The projector refused a purchase (out of stock, unknown product), with the reason. */
  PURCHASE_REJECTED = 'PURCHASE_REJECTED',
}
