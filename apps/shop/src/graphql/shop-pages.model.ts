import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Customer, Page, Product, Purchase } from '../store/shop.read-models';
import { CustomerModel } from './customer.model';
import { ProductModel } from './product.model';
import { PurchaseModel } from './purchase.model';

// One page of a list beside the whole list's size, as REST answers `{items, total}`. Three
// classes rather than a generic one: each needs its own GraphQL name and item type.

const TOTAL = { description: 'How many the whole list holds.' };

@ObjectType('ProductPage', { description: 'Products, newest first.' })
export class ProductPageModel implements Page<Product> {
  @Field(() => [ProductModel])
  items!: ProductModel[];

  @Field(() => Int, TOTAL)
  total!: number;
}

@ObjectType('CustomerPage', { description: 'Customers, newest first.' })
export class CustomerPageModel implements Page<Customer> {
  @Field(() => [CustomerModel])
  items!: CustomerModel[];

  @Field(() => Int, TOTAL)
  total!: number;
}

@ObjectType('PurchasePage', { description: 'Purchases, newest first.' })
export class PurchasePageModel implements Page<Purchase> {
  @Field(() => [PurchaseModel])
  items!: PurchaseModel[];

  @Field(() => Int, TOTAL)
  total!: number;
}
