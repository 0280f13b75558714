import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { ShopConfig } from './shop.config';

/** Event-driven shop: products, customers and purchases as events (seed 004). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'shop', config: ShopConfig }),
    PersistenceModule.forRoot(),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
  ],
})
export class ShopModule {}
