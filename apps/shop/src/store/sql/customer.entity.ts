import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { EMAIL_LENGTH, ID_LENGTH, NAME_LENGTH, TIME_LENGTH } from './shop-columns';

/**
 * The `customers` table (see M171ShopStores). Owned items are not kept here: they are the
 * customer's completed rows of `purchases`, written in the same transaction as the stock.
 */
export const CustomerSchema = defineEntity({
  name: 'ShopCustomer',
  tableName: 'customers',
  properties: {
    customerId: p.string().length(ID_LENGTH).primary(),
    name: p.string().length(NAME_LENGTH),
    email: p.string().length(EMAIL_LENGTH),
    registeredAt: p.string().length(TIME_LENGTH),
  },
});

export type CustomerRow = InferEntity<typeof CustomerSchema>;
