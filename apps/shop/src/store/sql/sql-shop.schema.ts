import { CustomerSchema } from './customer.entity';
import { M171ShopStores } from './migrations/m171-shop-stores.migration';
import { ProductSchema } from './product.entity';
import { PurchaseSchema } from './purchase.entity';

/** The shop's tables and their migrations, in the order they run. */
export const SHOP_SQL_ENTITIES = [ProductSchema, CustomerSchema, PurchaseSchema];
export const SHOP_SQL_MIGRATIONS = [M171ShopStores];
