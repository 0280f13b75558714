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
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type PurchaseAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Page, Purchase } from '../store/shop.read-models';
import { numbersInQuery, PAGE_NUMBERS } from './numbers-in-query';
import {
  NewPurchaseDoc,
  PURCHASE_STATUSES,
  PurchaseAcceptedDoc,
  PurchaseDoc,
  PurchasePageDoc,
} from './shop-models.openapi';
import {
  ApiCommandRoute,
  ApiListRoute,
  ApiReadRoute,
  conflict,
  invalid,
  notFound,
} from './shop-routes.openapi';
import {
  EXAMPLE_CUSTOMER_ID,
  EXAMPLE_NEW_PURCHASE,
  EXAMPLE_PRODUCT_ID,
  EXAMPLE_PURCHASE_ID,
} from './shop.examples';

/**
 * Customers buying products. A purchase is accepted at once and decided by the projector,
 * which completes it (stock taken, the item owned) or rejects it with the reason; its status
 * is read at `GET /purchases/{purchaseId}` (see ProductsController on bodies).
 */
@ApiTags('purchases')
@Controller('purchases')
export class PurchasesController {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiCommandRoute({
    summary: 'A customer buys a product',
    description:
      'Checks that the customer and the product exist and that enough units are left, then publishes PRODUCT_PURCHASED. The projector has the last word (two customers may race for the last unit): `GET /purchases/{purchaseId}` answers 404 until it has decided, then the status, `completed` or `rejected` with the reason.',
    body: NewPurchaseDoc,
    examples: {
      two: { summary: 'Anna buys two grinders', value: EXAMPLE_NEW_PURCHASE },
      one: {
        summary: 'Without a quantity: one unit',
        value: { customerId: EXAMPLE_CUSTOMER_ID, productId: EXAMPLE_PRODUCT_ID },
      },
    },
    accepted: PurchaseAcceptedDoc,
    badInput: {
      quantity: {
        summary: 'A quantity of 0',
        value: invalid('quantity', 'must not be less than 1'),
      },
    },
    notFound: {
      customer: {
        summary: 'An unknown customer',
        value: notFound('customer', EXAMPLE_CUSTOMER_ID),
      },
      product: { summary: 'An unknown product', value: notFound('product', EXAMPLE_PRODUCT_ID) },
    },
    conflict: {
      stock: {
        summary: 'Fewer units left than asked',
        value: conflict(
          `product ${EXAMPLE_PRODUCT_ID} is out of stock: 3 left, 4 asked`,
          'quantity',
        ),
      },
    },
  })
  purchaseProduct(@Body() body: unknown): Promise<PurchaseAccepted> {
    return this.commands.purchase(body);
  }

  @Get()
  @ApiListRoute({
    summary: 'The purchases, newest first, optionally of one customer, product or status',
    page: PurchasePageDoc,
  })
  @ApiQuery({
    name: 'customerId',
    required: false,
    type: String,
    format: 'uuid',
    description: "Only this customer's purchases.",
    example: EXAMPLE_CUSTOMER_ID,
  })
  @ApiQuery({
    name: 'productId',
    required: false,
    type: String,
    format: 'uuid',
    description: 'Only purchases of this product.',
    example: EXAMPLE_PRODUCT_ID,
  })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: PURCHASE_STATUSES,
    description: 'Only completed, or only rejected, purchases.',
  })
  purchases(@Query() query: Record<string, unknown>): Promise<Page<Purchase>> {
    return this.queries.purchases(numbersInQuery(query, PAGE_NUMBERS));
  }

  @Get(':purchaseId')
  @ApiReadRoute({
    summary: 'One purchase and how it ended',
    description:
      '`completed`, or `rejected` with the reason (out of stock, say, when another customer took the last units first).',
    param: 'purchaseId',
    example: EXAMPLE_PURCHASE_ID,
    model: PurchaseDoc,
    found: 'The purchase as the projector decided it.',
    notFound: 'No such purchase, or the projector has not decided it yet: ask again shortly.',
  })
  purchase(@Param('purchaseId') purchaseId: string): Promise<Purchase> {
    return this.queries.purchase(purchaseId);
  }
}
