import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Purchase, PurchaseStatus } from '../store/shop.read-models';

/**
 * A purchase once the projector has decided it. `status` is a String (`completed` or
 * `rejected`) rather than an enum, so it reads and filters the same as in REST, and a wrong
 * filter gets the shop's own message (`status must be completed or rejected`) like on every
 * other entry point, not a schema error.
 */
@ObjectType('Purchase')
export class PurchaseModel implements Purchase {
  @Field(() => ID)
  purchaseId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  productId!: string;

  @Field({ description: "The product's name when it was bought." })
  productName!: string;

  @Field(() => Float, { description: "The product's price when it was bought." })
  unitPrice!: number;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, {
    description:
      '`completed` (stock taken, the item owned) or `rejected` (nothing changed; see `reason`).',
  })
  status!: PurchaseStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was rejected (out of stock, say); null when completed.',
  })
  reason?: string;

  @Field({ description: 'ISO 8601 in UTC.' })
  purchasedAt!: string;
}
