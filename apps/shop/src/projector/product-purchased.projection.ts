import type { EventEnvelope } from '@app/envelope';
import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { checkProductPurchased } from '../events/shop-event.checks';
import { purchaseRejected } from '../events/shop-event.envelopes';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';
import { SHOP_STORE, type ShopStore } from '../store/shop.store';

/**
 * The seed's "purchase": the product joins the customer's owned items and its stock goes
 * down, or, when it turns out invalid now (another customer took the last unit since the
 * command checked), the purchase is recorded rejected and PURCHASE_REJECTED says why.
 *
 * A redelivered purchase gets its first outcome back from the store, so a rejection whose
 * event was lost in a crash is published again (with the same id, which consumers dedupe).
 */
@Injectable()
@OnEvent(ShopTopics.SHOP_EVENTS, ShopEvents.PRODUCT_PURCHASED)
export class ProductPurchasedProjection implements EventHandler {
  private readonly logger = new Logger(ProductPurchasedProjection.name);

  constructor(
    @Inject(SHOP_STORE) private readonly store: ShopStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  async execute(value: unknown, event: EventEnvelope): Promise<void> {
    const purchase = await checkProductPurchased(value);
    const outcome = await this.store.decidePurchase({ ...purchase, at: event.time });
    if (outcome.status === 'completed') return;
    this.logger.log(`purchase ${purchase.purchaseId} rejected: ${outcome.reason}`);
    await this.publisher.publish(
      ShopTopics.SHOP_EVENTS,
      purchaseRejected({ ...purchase, reason: outcome.reason }, event),
    );
  }
}
