/** `events` handled in `ms` milliseconds. */
export interface Throughput {
  readonly events: number;
  readonly ms: number;
}

/**
 * A consume phase: from the start of the subscription (connect, group join, first fetch
 * included) to the Nth delivery, and how much of that went by before the first delivery.
 */
export interface Consumption extends Throughput {
  readonly firstEventMs: number;
}

/** One publisher/consumer pair (an adapter, or the raw client beside it) on one round. */
export interface Measurement {
  readonly publish: Throughput;
  readonly consume: Consumption;
  /**
   * Raw clients only: the same events consumed again by a consumer that parses the JSON and
   * reads the type, without decoding the envelope. Reported beside the goal's ratio, as the
   * floor no consumer of CloudEvents reaches.
   */
  readonly consumeJsonOnly?: Consumption;
}

export function perSecond(throughput: Throughput): number {
  return throughput.ms > 0 ? (throughput.events * 1000) / throughput.ms : Number.POSITIVE_INFINITY;
}

/** Rejects with a message naming `what` unless `promise` settles within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Publishes `batches` one after the other (each awaited, as a producer that must know its
 * events are durable does) and times the whole. Fails once `timeoutMs` has passed.
 */
export async function timePublish<T>(
  what: string,
  batches: readonly (readonly T[])[],
  timeoutMs: number,
  publishBatch: (batch: readonly T[]) => Promise<unknown>,
): Promise<Throughput> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  let events = 0;
  for (const batch of batches) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new Error(`${what}: publishing took longer than ${timeoutMs} ms`);
    await withTimeout(publishBatch(batch), remaining, what);
    events += batch.length;
  }
  return { events, ms: performance.now() - started };
}

/**
 * Counts deliveries up to an expected number, timing from its construction (made just
 * before the consumer is created) to the last one. Not from the first delivery: a raw
 * consumer's first fetch brings thousands of events at once, and leaving that fetch out
 * would flatter whichever side handles a fetched batch faster.
 */
export class DeliveryCounter {
  private delivered = 0;
  private firstAt: number | undefined;
  private lastAt: number | undefined;
  private readonly startedAt = performance.now();
  private resolveDone: () => void = () => undefined;
  private readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(readonly expected: number) {}

  get count(): number {
    return this.delivered;
  }

  get complete(): boolean {
    return this.lastAt !== undefined;
  }

  /** One delivered event (more events are ignored once the expected number was reached). */
  hit(): void {
    if (this.lastAt !== undefined) return;
    const now = performance.now();
    this.firstAt ??= now;
    this.delivered += 1;
    if (this.delivered >= this.expected) {
      this.lastAt = now;
      this.resolveDone();
    }
  }

  /** Resolves once the expected number was delivered; fails after `timeoutMs`. */
  async finished(what: string, timeoutMs: number): Promise<Consumption> {
    try {
      await withTimeout(this.done, timeoutMs, what);
    } catch (error) {
      throw new Error(
        `${(error as Error).message} (${this.delivered} of ${this.expected} delivered)`,
      );
    }
    const lastAt = this.lastAt ?? this.startedAt;
    return {
      events: this.expected,
      ms: lastAt - this.startedAt,
      firstEventMs: (this.firstAt ?? lastAt) - this.startedAt,
    };
  }
}
