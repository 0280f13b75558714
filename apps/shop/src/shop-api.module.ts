import { GraphqlApiModule } from '@app/platform/graphql/graphql-api.module';
import { Module } from '@nestjs/common';
import { CustomersResolver } from './graphql/customers.resolver';
import { ProductsResolver } from './graphql/products.resolver';
import { PurchasesResolver } from './graphql/purchases.resolver';
import { CustomersController } from './rest/customers.controller';
import { ProductsController } from './rest/products.controller';
import { PurchasesController } from './rest/purchases.controller';

/**
 * The shop's HTTP API: REST at `/products`, `/customers` and `/purchases`, GraphQL at
 * `/graphql` (through libs/platform's GraphqlApiModule, so the app imports no other GraphQL
 * module). It calls SHOP_COMMANDS and SHOP_QUERIES, which the app provides globally
 * (ShopCommandsModule); errors are answered by PlatformModule's DomainErrorFilter. The
 * OpenAPI docs at `/docs` are mounted apart, before the app listens: `setUpShopApiDocs`.
 */
@Module({
  imports: [GraphqlApiModule.forRoot()],
  controllers: [ProductsController, CustomersController, PurchasesController],
  providers: [ProductsResolver, CustomersResolver, PurchasesResolver],
})
export class ShopApiModule {}
