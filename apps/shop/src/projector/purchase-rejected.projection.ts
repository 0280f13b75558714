import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { checkPurchaseRejected } from '../events/shop-event.checks';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';

/**
 * Nothing to project live: the store recorded the rejection when it decided it. The event is
 * in the log for the replay (which applies recorded outcomes rather than deciding again) and
 * for whoever else listens (a notification service). Registered so the router counts it as
 * handled rather than unrouted, and so a malformed one is dead-lettered like any other.
 */
@Injectable()
@OnEvent(ShopTopics.SHOP_EVENTS, ShopEvents.PURCHASE_REJECTED)
export class PurchaseRejectedProjection implements EventHandler {
  async execute(value: unknown): Promise<void> {
    await checkPurchaseRejected(value);
  }
}
