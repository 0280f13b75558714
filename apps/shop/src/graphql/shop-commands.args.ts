import { ArgsType, Field, Float, ID, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';

// The mutations' arguments, checked by the shop's commands (commands/*.input.ts) like any
// entry point's input; `@Allow()` only lets the app's ValidationPipe keep them.

@ArgsType()
export class AddProductArgs {
  @Field({ description: '1 to 200 characters.' })
  @Allow()
  name!: string;

  @Field(() => Float, { description: 'The unit price: 0.01 to 1,000,000, at most two decimals.' })
  @Allow()
  price!: number;

  @Field(() => Int, { description: 'Units in stock, 0 to 1,000,000.' })
  @Allow()
  stock!: number;
}

@ArgsType()
export class RegisterCustomerArgs {
  @Field({ description: '1 to 200 characters.' })
  @Allow()
  name!: string;

  @Field({ description: 'Not registered yet; compared and kept in lower case.' })
  @Allow()
  email!: string;
}

@ArgsType()
export class PurchaseProductArgs {
  @Field(() => ID)
  @Allow()
  customerId!: string;

  @Field(() => ID)
  @Allow()
  productId!: string;

  @Field(() => Int, { nullable: true, description: '1 to 100; 1 when absent.' })
  @Allow()
  quantity?: number | null;
}
