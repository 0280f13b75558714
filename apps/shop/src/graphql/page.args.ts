import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';

// The lists' arguments. The shop's queries check them (commands/page.input.ts), so every
// entry point refuses the same values with the same reasons; `@Allow()` only lets the app's
// ValidationPipe keep the fields (it refuses undecorated ones) and checks nothing.

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'How many to answer (1 to 100, 20 when absent).',
  })
  @Allow()
  limit?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many to skip first (0 when absent).' })
  @Allow()
  offset?: number | null;
}

@ArgsType()
export class PurchasesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this customer's purchases." })
  @Allow()
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only purchases of this product.' })
  @Allow()
  productId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only `completed` or only `rejected` ones.' })
  @Allow()
  status?: string | null;
}
