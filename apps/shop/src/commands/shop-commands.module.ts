import { Global, Module } from '@nestjs/common';
import { SHOP_COMMANDS, SHOP_QUERIES } from './shop.commands.port';
import { ShopCommandsService } from './shop.commands';
import { ShopQueriesService } from './shop.queries';

/** The commands and queries every entry point calls, behind their ports (global: the REST
 * and GraphQL modules inject them). */
@Global()
@Module({
  providers: [
    { provide: SHOP_COMMANDS, useClass: ShopCommandsService },
    { provide: SHOP_QUERIES, useClass: ShopQueriesService },
  ],
  exports: [SHOP_COMMANDS, SHOP_QUERIES],
})
export class ShopCommandsModule {}
