import type { EventEnvelope } from '@app/envelope';
import { InputValidationError } from '@app/platform';
import { EVENT_SUBSCRIBER, type EventSubscriber } from '@app/transport';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  checkCustomerRegistered,
  checkProductAdded,
  checkProductPurchased,
  checkPurchaseRejected,
} from '../events/shop-event.checks';
import { ShopEvents } from '../events/shop-events.enum';
import { ShopTopics } from '../events/shop-topics.enum';
import {
  type LoggedFact,
  type PurchaseOutcome,
  SHOP_STORE,
  type ShopStore,
} from '../store/shop.store';
import { readWholeLog, type WholeLogProgress } from './whole-log.reader';

export interface ReplayProgress extends WholeLogProgress {
  /** 1: collecting the recorded rejections; 2: rebuilding the stores. */
  readonly pass: 1 | 2;
}

export interface ReplayReport {
  /** Events of the log projected (every event of pass 2 but the skipped ones). */
  readonly projected: number;
  /** Events that break the rules (dead-lettered when they came live), left out again. */
  readonly skipped: number;
  /** Purchases the log says were rejected. */
  readonly rejectedPurchases: number;
  readonly ms: number;
}

/**
 * Rebuilds the stores from the `shop_events` log, from its oldest event: the command the
 * issue asks for, and the proof that the log alone holds the shop's state.
 *
 * It never decides a purchase again. Partitions are read side by side, so a purchase may
 * come before its product's PRODUCT_ADDED, or before another customer's purchase of the
 * last unit that came first live; deciding again could then end differently. Pass 1 collects
 * the outcomes the live projector recorded (PURCHASE_REJECTED), pass 2 empties the stores
 * and applies every fact with those outcomes, a delivered batch at a time
 * (`ShopStore.applyLogged`), which ends in the same state whatever the order.
 *
 * Run it with the projector stopped (`npm run shop:replay` starts no projector): a live
 * projector writing meanwhile would mix its writes into the rebuilt stores.
 */
@Injectable()
export class ShopReplay {
  private readonly logger = new Logger(ShopReplay.name);

  constructor(
    @Inject(EVENT_SUBSCRIBER) private readonly subscriber: EventSubscriber,
    @Inject(SHOP_STORE) private readonly store: ShopStore,
  ) {}

  async run(
    onProgress: (progress: ReplayProgress) => void = () => undefined,
    pollMs = 250,
  ): Promise<ReplayReport> {
    const started = performance.now();
    const run = randomUUID().slice(0, 8);
    const outcomes = new Map<string, PurchaseOutcome>();
    await this.read(`shop.replay.${run}.outcomes`, pollMs, 1, onProgress, async (events) => {
      for (const event of events) {
        if (event.type !== ShopEvents.PURCHASE_REJECTED) continue;
        const { purchaseId, reason } = await checkPurchaseRejected(event.data);
        outcomes.set(purchaseId, { status: 'rejected', reason });
      }
    });
    await this.store.clear();
    let projected = 0;
    let skipped = 0;
    await this.read(`shop.replay.${run}.apply`, pollMs, 2, onProgress, async (events) => {
      const facts: LoggedFact[] = [];
      for (const event of events) {
        try {
          const fact = await loggedFact(event, outcomes);
          if (fact) facts.push(fact);
          projected += 1;
        } catch (error) {
          if (!(error instanceof InputValidationError)) throw error;
          skipped += 1;
          this.logger.warn(`skipping event ${event.id} (${event.type}): ${error.message}`);
        }
      }
      // A batch at a time: a few writes for hundreds of events (ShopStore.applyLogged).
      await this.store.applyLogged(facts);
    });
    return {
      projected,
      skipped,
      rejectedPurchases: outcomes.size,
      ms: Math.round(performance.now() - started),
    };
  }

  private async read(
    group: string,
    pollMs: number,
    pass: 1 | 2,
    onProgress: (progress: ReplayProgress) => void,
    handle: (events: readonly EventEnvelope[]) => Promise<void>,
  ): Promise<void> {
    await readWholeLog(this.subscriber, ShopTopics.SHOP_EVENTS, group, handle, {
      pollMs,
      onProgress: (progress) => onProgress({ ...progress, pass }),
    });
  }
}

/** The fact an event of the log carries, checked; none for PURCHASE_REJECTED and others. */
async function loggedFact(
  event: EventEnvelope,
  outcomes: ReadonlyMap<string, PurchaseOutcome>,
): Promise<LoggedFact | undefined> {
  const at = event.time;
  switch (event.type) {
    case ShopEvents.PRODUCT_ADDED:
      return { type: 'product-added', fact: { ...(await checkProductAdded(event.data)), at } };
    case ShopEvents.CUSTOMER_REGISTERED:
      return {
        type: 'customer-registered',
        fact: { ...(await checkCustomerRegistered(event.data)), at },
      };
    case ShopEvents.PRODUCT_PURCHASED: {
      const purchase = await checkProductPurchased(event.data);
      const outcome = outcomes.get(purchase.purchaseId) ?? { status: 'completed' };
      return { type: 'purchase', fact: { ...purchase, at }, outcome };
    }
    default:
      // PURCHASE_REJECTED was applied with its purchase; anything else is not the shop's.
      return undefined;
  }
}
