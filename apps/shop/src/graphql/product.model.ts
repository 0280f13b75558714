import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Product } from '../store/shop.read-models';

/** A product as the store holds it; times are ISO 8601 strings in UTC, as REST shows them. */
@ObjectType('Product')
export class ProductModel implements Product {
  @Field(() => ID)
  productId!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'The unit price, at most two decimals.' })
  price!: number;

  @Field(() => Int, { description: 'Units left: the initial stock less every completed purchase.' })
  stock!: number;

  @Field({ description: 'When it was added (its PRODUCT_ADDED event), ISO 8601 in UTC.' })
  addedAt!: string;
}
