import { Field, ID, ObjectType } from '@nestjs/graphql';
import type {
  CustomerAccepted,
  ProductAccepted,
  PurchaseAccepted,
} from '../commands/shop.commands.port';

// What each mutation answers once its event is published: the id the shop assigned and the
// event's id. The stores show the effect once the projector has handled the event.

@ObjectType('ProductAccepted')
export class ProductAcceptedModel implements ProductAccepted {
  @Field(() => ID)
  productId!: string;

  @Field(() => ID, { description: 'The PRODUCT_ADDED event.' })
  eventId!: string;
}

@ObjectType('CustomerAccepted')
export class CustomerAcceptedModel implements CustomerAccepted {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID, { description: 'The CUSTOMER_REGISTERED event.' })
  eventId!: string;
}

@ObjectType('PurchaseAccepted')
export class PurchaseAcceptedModel implements PurchaseAccepted {
  @Field(() => ID, { description: '`purchase(purchaseId)` tells how it ended, once decided.' })
  purchaseId!: string;

  @Field(() => ID, { description: 'The PRODUCT_PURCHASED event.' })
  eventId!: string;
}
