import type { EventEnvelope } from '@app/envelope';
import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Inject, Injectable } from '@nestjs/common';
import { checkProductAdded } from '../events/shop-event.checks';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';
import { SHOP_STORE, type ShopStore } from '../store/shop.store';

/** The seed's "new product in the shop": the product joins the products store. */
@Injectable()
@OnEvent(ShopTopics.SHOP_EVENTS, ShopEvents.PRODUCT_ADDED)
export class ProductAddedProjection implements EventHandler {
  constructor(@Inject(SHOP_STORE) private readonly store: ShopStore) {}

  async execute(value: unknown, event: EventEnvelope): Promise<void> {
    await this.store.addProduct({ ...(await checkProductAdded(value)), at: event.time });
  }
}
