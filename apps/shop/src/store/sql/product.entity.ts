import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ID_LENGTH, NAME_LENGTH, TIME_LENGTH } from './shop-columns';

/**
 * The `products` table (see M171ShopStores). A row with no `added_at` is a placeholder: a
 * replay applied completed purchases of the product before its PRODUCT_ADDED, so it holds
 * only their (negative) stock; PRODUCT_ADDED fills in the rest.
 */
export const ProductSchema = defineEntity({
  name: 'ShopProduct',
  tableName: 'products',
  properties: {
    productId: p.string().length(ID_LENGTH).primary(),
    name: p.string().length(NAME_LENGTH).nullable(),
    // A double, like MongoDB's: a JavaScript number goes in and comes back bit for bit
    // (MikroORM reads doubles as strings unless told the runtime type is number).
    price: p.double().runtimeType('number').$type<number>().nullable(),
    stock: p.integer(),
    addedAt: p.string().length(TIME_LENGTH).nullable(),
  },
});

export type ProductRow = InferEntity<typeof ProductSchema>;
