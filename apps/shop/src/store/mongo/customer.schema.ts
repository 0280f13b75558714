import { Schema } from 'mongoose';
import type { OwnedItem } from '../shop.read-models';

export const CUSTOMER_MODEL = 'ShopCustomer';

/**
 * One customer, collection `customers`, `_id` the customer id, with the owned items embedded
 * (in the order they were applied; reads sort them). A document without `registeredAt` is a
 * placeholder: a replay applied purchases of a customer not registered yet.
 */
export interface CustomerDocument {
  _id: string;
  name?: string;
  email?: string;
  registeredAt?: string | null;
  owned?: OwnedItem[];
}

const OwnedItemSchema = new Schema<OwnedItem>(
  {
    purchaseId: { type: String, required: true },
    productId: { type: String, required: true },
    productName: { type: String, required: true },
    unitPrice: { type: Number, required: true },
    quantity: { type: Number, required: true },
    purchasedAt: { type: String, required: true },
  },
  { _id: false },
);

export const CustomerDocumentSchema = new Schema<CustomerDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String },
    email: { type: String },
    registeredAt: { type: String },
    owned: { type: [OwnedItemSchema], default: undefined },
  },
  { collection: 'customers', versionKey: false },
);
// listCustomers' order, and the register command's look-up by e-mail.
CustomerDocumentSchema.index({ registeredAt: -1, _id: -1 });
CustomerDocumentSchema.index({ email: 1 });
