import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BlockingReadCommands } from './blocking-read.commands';
import type { StreamEntry } from './stream-reply.parser';

/** One blocking read of at most `count` entries on `connection` (`XREADGROUP` or `XREAD`). */
export type BlockingRead = (connection: Redis, count: number) => Promise<StreamEntry[]>;

/** How often an interrupt re-sends CLIENT UNBLOCK while the read has not reached the server yet. */
const UNBLOCK_RETRY_MS = 20;

/**
 * A subscription's blocking read (a group consumer's `XREADGROUP ... >`, a tail's `XREAD`) on
 * its own connection, and the way to end it early on close: without that, closing an idle
 * subscription would wait up to `blockMs` for a read that takes nothing.
 */
export class InterruptibleReader {
  private reading: Promise<StreamEntry[]> | undefined;
  private clientId: number | undefined;

  /** `blockMs`: the longest `blockingRead` blocks (its BLOCK argument). */
  constructor(
    private readonly commands: BlockingReadCommands,
    private readonly connection: Redis,
    private readonly blockingRead: BlockingRead,
    private readonly blockMs: number,
  ) {}

  /** What `blockingRead` returns: at most `count` entries, waiting up to `blockMs`. */
  async read(count: number): Promise<StreamEntry[]> {
    // Sent on the reader's connection just before the read, so it answers at once and tells
    // an interrupt which client to unblock (the id changes when ioredis reconnects).
    void this.commands.clientId(this.connection).then(
      (id) => (this.clientId = id),
      () => undefined,
    );
    const read = this.blockingRead(this.connection, count);
    this.reading = read;
    try {
      return await read;
    } finally {
      this.reading = undefined;
    }
  }

  /**
   * Ends a blocked read without taking entries (CLIENT UNBLOCK from the command connection).
   * The read may not have reached the server yet, so UNBLOCK is repeated until the read
   * settles. If Redis cannot be reached, neither would ever happen: after the longest a read
   * can block (plus a second) the reader connection is dropped instead.
   */
  async interrupt(): Promise<void> {
    const deadline = performance.now() + this.blockMs + 1000;
    const pause = (ms: number) => sleep(ms, undefined, { ref: false });
    while (this.reading) {
      const settled = this.reading.then(
        () => undefined,
        () => undefined,
      );
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        this.connection.disconnect();
        await settled;
        return;
      }
      const clientId = this.clientId;
      const unblocked =
        clientId === undefined
          ? pause(UNBLOCK_RETRY_MS)
          : this.commands.unblock(clientId).then(
              (done) => (done ? undefined : pause(UNBLOCK_RETRY_MS)),
              () => pause(UNBLOCK_RETRY_MS),
            );
      await Promise.race([settled, unblocked, pause(remaining)]);
    }
  }

  disconnect(): void {
    this.connection.disconnect();
  }
}
