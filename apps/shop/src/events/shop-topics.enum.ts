/**
 * The shop's one topic. Every event of a customer (registration, purchases, rejections) is
 * keyed by the customer id and a product's by the product id, so one partition holds a
 * customer's events in order: the projector sees a customer registered before it buys.
 */
export enum ShopTopics {
  SHOP_EVENTS = 'shop_events',
}
