import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ProductAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Page, Product } from '../store/shop.read-models';
import { numbersInQuery, PAGE_NUMBERS } from './numbers-in-query';
import {
  NewProductDoc,
  ProductAcceptedDoc,
  ProductDoc,
  ProductPageDoc,
} from './shop-models.openapi';
import { ApiCommandRoute, ApiListRoute, ApiReadRoute, invalid } from './shop-routes.openapi';
import { EXAMPLE_NEW_PRODUCT, EXAMPLE_PRODUCT_ID } from './shop.examples';

/**
 * The operator's products. Bodies and queries are `unknown` on purpose: the app's
 * ValidationPipe leaves them alone and the shop's commands and queries check them, so REST,
 * GraphQL and the CLI refuse the same input with the same reasons.
 */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiCommandRoute({
    summary: 'Add a product to the shop',
    description: 'Publishes PRODUCT_ADDED; the product is listed once the projector has stored it.',
    body: NewProductDoc,
    examples: { grinder: { summary: 'Five coffee grinders', value: EXAMPLE_NEW_PRODUCT } },
    accepted: ProductAcceptedDoc,
    badInput: {
      price: { summary: 'A price of 0', value: invalid('price', 'must not be less than 0.01') },
    },
  })
  addProduct(@Body() body: unknown): Promise<ProductAccepted> {
    return this.commands.addProduct(body);
  }

  @Get()
  @ApiListRoute({ summary: 'The products, newest first', page: ProductPageDoc })
  products(@Query() query: Record<string, unknown>): Promise<Page<Product>> {
    return this.queries.products(numbersInQuery(query, PAGE_NUMBERS));
  }

  @Get(':productId')
  @ApiReadRoute({
    summary: 'One product, with the units left',
    param: 'productId',
    example: EXAMPLE_PRODUCT_ID,
    model: ProductDoc,
    found: 'The product as the store holds it.',
    notFound: 'No such product, or not stored yet.',
  })
  product(@Param('productId') productId: string): Promise<Product> {
    return this.queries.product(productId);
  }
}
