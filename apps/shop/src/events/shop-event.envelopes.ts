import { createEnvelope, type EventEnvelope } from '@app/envelope';
import type {
  CustomerRegistered,
  ProductAdded,
  ProductPurchased,
  PurchaseRejected,
} from './shop-event.data';
import { ShopEvents } from './shop-events.enum';

/** Who publishes the shop's events, the envelopes' `source`. */
export const SHOP_SOURCE = '/shop';

/** Keyed by the product: its later events, if it ever has any, stay in order. */
export function productAdded(data: ProductAdded): EventEnvelope<ProductAdded> {
  return createEnvelope({
    source: SHOP_SOURCE,
    type: ShopEvents.PRODUCT_ADDED,
    subject: data.productId,
    data,
  });
}

/** Keyed by the customer, like their purchases: the registration is projected first. */
export function customerRegistered(data: CustomerRegistered): EventEnvelope<CustomerRegistered> {
  return createEnvelope({
    source: SHOP_SOURCE,
    type: ShopEvents.CUSTOMER_REGISTERED,
    subject: data.customerId,
    data,
  });
}

/** The purchase id is the event id: one purchase, one event, whoever delivers it twice. */
export function productPurchased(data: ProductPurchased): EventEnvelope<ProductPurchased> {
  return createEnvelope({
    id: data.purchaseId,
    source: SHOP_SOURCE,
    type: ShopEvents.PRODUCT_PURCHASED,
    subject: data.customerId,
    data,
  });
}

/**
 * The projector's refusal, caused by the purchase. Its id is derived from the purchase's, so
 * a purchase redelivered and refused again publishes the same event, which consumers dedupe.
 */
export function purchaseRejected(
  data: PurchaseRejected,
  purchase: EventEnvelope,
): EventEnvelope<PurchaseRejected> {
  return createEnvelope({
    id: `${data.purchaseId}.rejected`,
    source: SHOP_SOURCE,
    type: ShopEvents.PURCHASE_REJECTED,
    subject: data.customerId,
    causedBy: purchase,
    data,
  });
}
