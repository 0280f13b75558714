import type { EventEnvelope } from '@app/envelope';
import { FifoQueue } from './fifo.queue';

/**
 * One tail of an in-memory topic (`InMemoryPubSub.tail`): the events appended after it
 * started, in append order (so in each partition's order), handed to its handler one at a
 * time. Appending never waits for a handler: events queue here and a drain loop feeds them
 * on, one microtask after the publish. The queue is unbounded; a tail is for live feeds whose
 * handlers keep up, and it holds serialized events only until they are handed over.
 */
export class TopicTail {
  private readonly queue = new FifoQueue<string>();
  private draining: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  /** `handle` never rejects (see `guardedTailHandler`). */
  constructor(private readonly handle: (event: EventEnvelope) => Promise<void>) {}

  /** Queues freshly appended events (as the log stores them) for the handler. */
  offer(wires: readonly string[]): void {
    if (this.closing) return;
    for (const wire of wires) this.queue.push(wire);
    this.draining ??= this.drain();
  }

  /** Drops what is queued and waits for the running handler. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    while (this.queue.shift() !== undefined);
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Handlers never run inside `publish`: a publisher must not pay for, or see, a tail.
    await Promise.resolve();
    let wire: string | undefined;
    while (!this.closing && (wire = this.queue.shift()) !== undefined) {
      // A fresh copy per tail, as each group gets: handlers cannot mutate each other's event.
      await this.handle(JSON.parse(wire) as EventEnvelope);
    }
    this.draining = undefined;
  }
}
