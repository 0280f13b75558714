import { EventRouterModule } from '@app/transport/routing';
import { Module } from '@nestjs/common';
import { CustomerRegisteredProjection } from './customer-registered.projection';
import { ProductAddedProjection } from './product-added.projection';
import { ProductPurchasedProjection } from './product-purchased.projection';
import { PurchaseRejectedProjection } from './purchase-rejected.projection';

/** The consumer group that keeps the stores: several projector processes share its work. */
export const PROJECTOR_GROUP = 'shop.projector';

/**
 * The seed's "recognise the action": the event router reads `shop_events` as the group
 * `shop.projector` and hands each event type to its projection (one class per type).
 */
@Module({
  imports: [EventRouterModule.forRoot({ group: PROJECTOR_GROUP })],
  providers: [
    ProductAddedProjection,
    CustomerRegisteredProjection,
    ProductPurchasedProjection,
    PurchaseRejectedProjection,
  ],
})
export class ShopProjectorModule {}
