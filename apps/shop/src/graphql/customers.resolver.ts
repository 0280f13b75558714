import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type CustomerAccepted,
  SHOP_COMMANDS,
  SHOP_QUERIES,
  type ShopCommands,
  type ShopQueries,
} from '../commands/shop.commands.port';
import type { Customer, Page } from '../store/shop.read-models';
import { CustomerAcceptedModel } from './accepted.model';
import { CustomerModel } from './customer.model';
import { givenArgs } from './given-args';
import { PageArgs } from './page.args';
import { RegisterCustomerArgs } from './shop-commands.args';
import { CustomerPageModel } from './shop-pages.model';

/** Customers with what they own, over GraphQL (errors as in ProductsResolver). */
@Resolver(() => CustomerModel)
export class CustomersResolver {
  constructor(
    @Inject(SHOP_COMMANDS) private readonly commands: ShopCommands,
    @Inject(SHOP_QUERIES) private readonly queries: ShopQueries,
  ) {}

  @Query(() => CustomerPageModel, {
    description: 'The customers, newest first, each with what they own.',
  })
  customers(@Args() page: PageArgs): Promise<Page<Customer>> {
    return this.queries.customers(givenArgs(page));
  }

  @Query(() => CustomerModel, {
    description: 'One customer with what they own; NOT_FOUND when unknown, or not stored yet.',
  })
  customer(@Args('customerId', { type: () => ID }) customerId: string): Promise<Customer> {
    return this.queries.customer(customerId);
  }

  @Mutation(() => CustomerAcceptedModel, {
    description:
      'Registers a customer (CUSTOMER_REGISTERED); CONFLICT on `email` when it is taken.',
  })
  registerCustomer(@Args() customer: RegisterCustomerArgs): Promise<CustomerAccepted> {
    return this.commands.registerCustomer(givenArgs(customer));
  }
}
