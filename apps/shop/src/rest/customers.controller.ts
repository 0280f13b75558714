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
  type CustomerAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Customer, Page } from '../store/shop.read-models';
import { numbersInQuery, PAGE_NUMBERS } from './numbers-in-query';
import {
  CustomerAcceptedDoc,
  CustomerDoc,
  CustomerPageDoc,
  NewCustomerDoc,
} from './shop-models.openapi';
import {
  ApiCommandRoute,
  ApiListRoute,
  ApiReadRoute,
  conflict,
  invalid,
} from './shop-routes.openapi';
import { EXAMPLE_CUSTOMER_ID, EXAMPLE_NEW_CUSTOMER } from './shop.examples';

/** Customers registering, and what each of them owns (see ProductsController on bodies). */
@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiCommandRoute({
    summary: 'Register a customer',
    description:
      'Publishes CUSTOMER_REGISTERED; the customer can buy once the projector has stored them.',
    body: NewCustomerDoc,
    examples: { anna: { summary: 'Anna registers', value: EXAMPLE_NEW_CUSTOMER } },
    accepted: CustomerAcceptedDoc,
    badInput: {
      email: { summary: 'Not an e-mail address', value: invalid('email', 'must be an email') },
    },
    conflict: {
      taken: {
        summary: 'The e-mail address is registered already',
        value: conflict(
          `customer with email "${EXAMPLE_NEW_CUSTOMER.email}" already exists`,
          'email',
        ),
      },
    },
  })
  registerCustomer(@Body() body: unknown): Promise<CustomerAccepted> {
    return this.commands.registerCustomer(body);
  }

  @Get()
  @ApiListRoute({
    summary: 'The customers, newest first, each with what they own',
    page: CustomerPageDoc,
  })
  customers(@Query() query: Record<string, unknown>): Promise<Page<Customer>> {
    return this.queries.customers(numbersInQuery(query, PAGE_NUMBERS));
  }

  @Get(':customerId')
  @ApiReadRoute({
    summary: 'One customer with what they own',
    param: 'customerId',
    example: EXAMPLE_CUSTOMER_ID,
    model: CustomerDoc,
    found: 'The customer, with their completed purchases oldest first.',
    notFound: 'No such customer, or not stored yet.',
  })
  customer(@Param('customerId') customerId: string): Promise<Customer> {
    return this.queries.customer(customerId);
  }
}
