import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { PurchaseStatus } from '../shop.read-models';
import { ID_LENGTH, NAME_LENGTH, REASON_LENGTH, TIME_LENGTH } from './shop-columns';

/**
 * The `purchases` table (see M171ShopStores): every purchase with its outcome, keyed by its
 * id, which is what makes deciding or applying a purchase twice do nothing. The completed
 * rows are also the customers' owned items.
 */
export const PurchaseSchema = defineEntity({
  name: 'ShopPurchase',
  tableName: 'purchases',
  properties: {
    purchaseId: p.string().length(ID_LENGTH).primary(),
    customerId: p.string().length(ID_LENGTH),
    productId: p.string().length(ID_LENGTH),
    productName: p.string().length(NAME_LENGTH),
    unitPrice: p.double().runtimeType('number').$type<number>(),
    quantity: p.integer(),
    status: p.string().$type<PurchaseStatus>().length(16),
    reason: p.string().length(REASON_LENGTH).nullable(),
    purchasedAt: p.string().length(TIME_LENGTH),
  },
});

export type PurchaseRow = InferEntity<typeof PurchaseSchema>;
