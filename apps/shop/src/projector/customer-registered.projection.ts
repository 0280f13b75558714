import type { EventEnvelope } from '@app/envelope';
import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Inject, Injectable } from '@nestjs/common';
import { checkCustomerRegistered } from '../events/shop-event.checks';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';
import { SHOP_STORE, type ShopStore } from '../store/shop.store';

/** The seed's "new customer": the customer joins the customers store, owning nothing yet. */
@Injectable()
@OnEvent(ShopTopics.SHOP_EVENTS, ShopEvents.CUSTOMER_REGISTERED)
export class CustomerRegisteredProjection implements EventHandler {
  constructor(@Inject(SHOP_STORE) private readonly store: ShopStore) {}

  async execute(value: unknown, event: EventEnvelope): Promise<void> {
    await this.store.registerCustomer({
      ...(await checkCustomerRegistered(value)),
      at: event.time,
    });
  }
}
