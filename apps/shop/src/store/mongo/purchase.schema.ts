import { Schema } from 'mongoose';
import type { PurchaseStatus } from '../shop.read-models';

export const PURCHASE_MODEL = 'ShopPurchase';

/**
 * One purchase with its outcome, collection `purchases`, `_id` the purchase id; written last
 * of a purchase's steps, so its presence means "all done" (see MongoShopStore).
 */
export interface PurchaseDocument {
  _id: string;
  customerId: string;
  productId: string;
  productName: string;
  unitPrice: number;
  quantity: number;
  status: PurchaseStatus;
  reason?: string;
  purchasedAt: string;
}

export const PurchaseDocumentSchema = new Schema<PurchaseDocument>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    productId: { type: String, required: true },
    productName: { type: String, required: true },
    unitPrice: { type: Number, required: true },
    quantity: { type: Number, required: true },
    status: { type: String, enum: ['completed', 'rejected'], required: true },
    reason: { type: String },
    purchasedAt: { type: String, required: true },
  },
  { collection: 'purchases', versionKey: false },
);
// listPurchases' order, alone and under each of its filters.
PurchaseDocumentSchema.index({ purchasedAt: -1, _id: -1 });
for (const field of ['customerId', 'productId', 'status']) {
  PurchaseDocumentSchema.index({ [field]: 1, purchasedAt: -1, _id: -1 });
}
