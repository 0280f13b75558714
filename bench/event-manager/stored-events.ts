import { withTimeout } from '../transport/measure';
import type { EventCreatedNotifier } from '../../apps/event-manager/src/events/event-created.notifier';
import type { Event } from '../../apps/event-manager/src/events/event.entity';

type Announcement = { readonly eventCreated: Event };

/**
 * When each event of one bench round was stored. The round's events share a `name` (unique
 * per run) and carry their sequence number as `description`, so a stored row is matched to
 * its mutation without waiting for the mutation's answer.
 */
export class StoredRound {
  /** `performance.now()` when event `seq` was announced as stored; NaN until then. */
  readonly storedAt: Float64Array;
  private stored = 0;
  private duplicates = 0;
  private lastAt = Number.NaN;
  private resolveAll: () => void = () => undefined;
  private readonly all = new Promise<void>((resolve) => (this.resolveAll = resolve));

  constructor(
    readonly name: string,
    readonly expected: number,
  ) {
    this.storedAt = new Float64Array(expected).fill(Number.NaN);
    if (expected === 0) this.resolveAll();
  }

  /** Announcements of an event already stored: the consumer's idempotency failing. */
  get duplicateCount(): number {
    return this.duplicates;
  }

  get last(): number {
    return this.lastAt;
  }

  hit(description: string | null | undefined, now: number): void {
    const seq = Number(description);
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.expected) {
      throw new RangeError(
        `round ${this.name}: stored event with unexpected description "${description}"`,
      );
    }
    if (!Number.isNaN(this.storedAt[seq])) {
      this.duplicates += 1;
      return;
    }
    this.storedAt[seq] = now;
    this.stored += 1;
    if (this.stored === this.expected) {
      this.lastAt = now;
      this.resolveAll();
    }
  }

  /** Resolves once every event of the round was stored; fails after `timeoutMs`. */
  async allStored(timeoutMs: number): Promise<void> {
    try {
      await withTimeout(this.all, timeoutMs, `round ${this.name}: waiting for stored rows`);
    } catch (error) {
      throw new Error(`${(error as Error).message} (${this.stored} of ${this.expected} stored)`);
    }
  }
}

/**
 * Listens to the app's `eventCreated` feed (EventCreatedNotifier: the synchronous create and
 * the consumer announce each row right after storing it) and times the rows of the rounds
 * it tracks. Must start before the consumer does, so no announcement is missed.
 */
export class StoredEventsWatcher {
  private readonly rounds = new Map<string, StoredRound>();
  private readonly iterator: AsyncIterableIterator<Announcement>;
  private readonly pumping: Promise<void>;
  private failure: Error | undefined;

  constructor(notifier: EventCreatedNotifier) {
    this.iterator = notifier.iterator();
    // The first `next()` subscribes synchronously: nothing announced from here on is missed.
    this.pumping = this.pump(this.iterator.next());
  }

  track(name: string, expected: number): StoredRound {
    if (this.failure) throw this.failure;
    const round = new StoredRound(name, expected);
    this.rounds.set(name, round);
    return round;
  }

  async stop(): Promise<void> {
    await this.iterator.return?.();
    await this.pumping;
    if (this.failure) throw this.failure;
  }

  private async pump(first: Promise<IteratorResult<Announcement>>): Promise<void> {
    let next = first;
    for (;;) {
      const result = await next;
      if (result.done) return;
      const { name, description } = result.value.eventCreated;
      try {
        this.rounds.get(name)?.hit(description, performance.now());
      } catch (error) {
        this.failure ??= error as Error;
      }
      next = this.iterator.next();
    }
  }
}
