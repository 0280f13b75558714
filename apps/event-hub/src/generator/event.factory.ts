import type { EventInput } from '../events/event.input';
import type { EventType } from '../events/event.rules';
import type { Random } from './random';

/** One event as the generator sends it: the REST body, one gRPC message. */
export type GeneratedEvent = Pick<
  EventInput,
  'user_id' | 'event_type' | 'amount' | 'timestamp' | 'idempotency_key'
>;

/**
 * How often each type comes: a shop mostly sells, sometimes takes goods back, and now and
 * then refunds part of an order.
 */
export const EVENT_TYPE_WEIGHTS: Readonly<Record<EventType, number>> = {
  purchase: 0.8,
  return: 0.15,
  refund: 0.05,
};

/**
 * Amounts in cents per type, drawn log-uniformly (many small sums, few large ones, as in a
 * real till). Returns and refunds stay below the largest purchases: nobody gets back more
 * than they could have paid.
 */
export const AMOUNT_RANGES_CENTS: Readonly<Record<EventType, readonly [number, number]>> = {
  purchase: [199, 150_000],
  return: [199, 50_000],
  refund: [99, 20_000],
};

export interface EventFactoryOptions {
  /** Users in the pool: ids `user_0001` to `user_<users>`. */
  users: number;
  random: Random;
  /** The event's `timestamp` is this instant: now, in a real run. */
  now?: () => Date;
  /**
   * Set to attach idempotency keys `<prefix>-<n>`: a fresh prefix per run, so a second run
   * (even with the same seed) is not answered as duplicates of the first.
   */
  idempotencyPrefix?: string;
}

/** Realistic business events, reproducible for a given `Random` seed. */
export class EventFactory {
  private sequence = 0;
  private readonly idWidth: number;

  constructor(private readonly options: EventFactoryOptions) {
    if (!Number.isInteger(options.users) || options.users < 1) {
      throw new RangeError(`users must be a whole number of at least 1, not ${options.users}`);
    }
    this.idWidth = Math.max(4, String(options.users).length);
  }

  next(): GeneratedEvent {
    const { now = () => new Date(), idempotencyPrefix } = this.options;
    this.sequence += 1;
    const eventType = this.pickType();
    const event: GeneratedEvent = {
      user_id: this.pickUser(),
      event_type: eventType,
      amount: this.pickAmount(eventType),
      timestamp: now().toISOString(),
    };
    if (idempotencyPrefix !== undefined) {
      event.idempotency_key = `${idempotencyPrefix}-${this.sequence}`;
    }
    return event;
  }

  /** `count` events, one after the other. */
  take(count: number): GeneratedEvent[] {
    return Array.from({ length: count }, () => this.next());
  }

  private pickType(): EventType {
    let roll = this.options.random.next();
    for (const [type, weight] of Object.entries(EVENT_TYPE_WEIGHTS) as [EventType, number][]) {
      if (roll < weight) return type;
      roll -= weight;
    }
    return 'purchase';
  }

  /** Skewed towards low ids: a few regulars send much of the traffic, as in a real shop. */
  private pickUser(): string {
    const { users, random } = this.options;
    const index = Math.floor(random.next() ** 2 * users) + 1;
    return `user_${String(index).padStart(this.idWidth, '0')}`;
  }

  private pickAmount(type: EventType): number {
    const [min, max] = AMOUNT_RANGES_CENTS[type];
    const logMin = Math.log(min);
    const cents = Math.round(
      Math.exp(logMin + this.options.random.next() * (Math.log(max) - logMin)),
    );
    // A whole number of cents over 100 prints with at most two decimals, as the rules demand.
    return Math.min(Math.max(cents, min), max) / 100;
  }
}
