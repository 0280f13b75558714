import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type ProductAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Page, Product } from '../store/shop.read-models';
import { ProductAcceptedModel } from './accepted.model';
import { givenArgs } from './given-args';
import { PageArgs } from './page.args';
import { ProductModel } from './product.model';
import { AddProductArgs } from './shop-commands.args';
import { ProductPageModel } from './shop-pages.model';

/**
 * Products over GraphQL, through the same commands and queries as REST: they check the
 * arguments and throw libs/platform's domain errors, which DomainErrorFilter turns into
 * BAD_USER_INPUT, NOT_FOUND or CONFLICT errors naming the field and the reason.
 */
@Resolver(() => ProductModel)
export class ProductsResolver {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Query(() => ProductPageModel, { description: 'The products, newest first.' })
  products(@Args() page: PageArgs): Promise<Page<Product>> {
    return this.queries.products(givenArgs(page));
  }

  @Query(() => ProductModel, {
    description: 'One product; NOT_FOUND when unknown, or not stored yet.',
  })
  product(@Args('productId', { type: () => ID }) productId: string): Promise<Product> {
    return this.queries.product(productId);
  }

  @Mutation(() => ProductAcceptedModel, {
    description: 'Adds a product (PRODUCT_ADDED); it is listed once the projector has stored it.',
  })
  addProduct(@Args() product: AddProductArgs): Promise<ProductAccepted> {
    return this.commands.addProduct(givenArgs(product));
  }
}
