import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type PurchaseAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Page, Purchase } from '../store/shop.read-models';
import { PurchaseAcceptedModel } from './accepted.model';
import { givenArgs } from './given-args';
import { PurchasesArgs } from './page.args';
import { PurchaseModel } from './purchase.model';
import { PurchaseProductArgs } from './shop-commands.args';
import { PurchasePageModel } from './shop-pages.model';

/** Purchases and how they ended, over GraphQL (errors as in ProductsResolver). */
@Resolver(() => PurchaseModel)
export class PurchasesResolver {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Query(() => PurchasePageModel, {
    description: 'The purchases, newest first, optionally of one customer, product or status.',
  })
  purchases(@Args() filter: PurchasesArgs): Promise<Page<Purchase>> {
    return this.queries.purchases(givenArgs(filter));
  }

  @Query(() => PurchaseModel, {
    description: 'One purchase and how it ended; NOT_FOUND until the projector has decided it.',
  })
  purchase(@Args('purchaseId', { type: () => ID }) purchaseId: string): Promise<Purchase> {
    return this.queries.purchase(purchaseId);
  }

  @Mutation(() => PurchaseAcceptedModel, {
    description:
      'A customer buys a product (PRODUCT_PURCHASED): NOT_FOUND for an unknown customer or product, CONFLICT on `quantity` when fewer units are left. The projector has the last word: `purchase(purchaseId)` tells whether it completed or was rejected, and why.',
  })
  purchaseProduct(@Args() purchase: PurchaseProductArgs): Promise<PurchaseAccepted> {
    return this.commands.purchase(givenArgs(purchase));
  }
}
