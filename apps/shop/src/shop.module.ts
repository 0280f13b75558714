import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { ShopConfig } from './shop.config';

/** Event-driven shop: products, customers and purchases as events (seed 004). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'shop', config: ShopConfig }),
    PersistenceModule.forRoot(),
  ],
})
export class ShopModule {}
