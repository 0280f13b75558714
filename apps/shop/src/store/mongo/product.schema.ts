import { Schema } from 'mongoose';

export const PRODUCT_MODEL = 'ShopProduct';

/**
 * Purchase ids a product remembers having taken stock for, newest last: the bounded window
 * that makes a redelivered purchase take its stock once (see MongoShopStore).
 */
export const RECENT_PURCHASES_WINDOW = 1000;

/**
 * One product, collection `products`, `_id` the product id. A document without `addedAt` is
 * a placeholder made by a replay's completed purchases before the product's PRODUCT_ADDED:
 * only its (negative) `stock` and `recentPurchases` are set.
 */
export interface ProductDocument {
  _id: string;
  name?: string;
  price?: number;
  stock: number;
  addedAt?: string | null;
  /** Bookkeeping, never shown: the last RECENT_PURCHASES_WINDOW purchases applied. */
  recentPurchases?: string[];
}

export const ProductDocumentSchema = new Schema<ProductDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String },
    price: { type: Number },
    stock: { type: Number, required: true },
    addedAt: { type: String },
    recentPurchases: { type: [String], default: undefined },
  },
  { collection: 'products', versionKey: false },
);
// listProducts' order (placeholders have no addedAt and are filtered out).
ProductDocumentSchema.index({ addedAt: -1, _id: -1 });
