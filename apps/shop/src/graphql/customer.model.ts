import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Customer, OwnedItem } from '../store/shop.read-models';

/** One completed purchase in a customer's list: the product as it was when bought. */
@ObjectType('OwnedItem')
export class OwnedItemModel implements OwnedItem {
  @Field(() => ID)
  purchaseId!: string;

  @Field(() => ID)
  productId!: string;

  @Field({ description: "The product's name when it was bought." })
  productName!: string;

  @Field(() => Float, { description: "The product's price when it was bought." })
  unitPrice!: number;

  @Field(() => Int)
  quantity!: number;

  @Field({ description: 'ISO 8601 in UTC.' })
  purchasedAt!: string;
}

/** A registered customer with what they own. */
@ObjectType('Customer')
export class CustomerModel implements Customer {
  @Field(() => ID)
  customerId!: string;

  @Field()
  name!: string;

  @Field({ description: 'Kept in lower case.' })
  email!: string;

  @Field({
    description: 'When they registered (their CUSTOMER_REGISTERED event), ISO 8601 in UTC.',
  })
  registeredAt!: string;

  @Field(() => [OwnedItemModel], { description: 'Completed purchases, oldest first.' })
  owned!: OwnedItemModel[];
}
