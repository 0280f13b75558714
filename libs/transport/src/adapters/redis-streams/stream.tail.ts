import type { EventEnvelope } from '@app/envelope';
import type { Redis } from 'ioredis';
import { errorMessage } from '../../internal/error-message';
import { abortableDelay } from '../../middleware/abortable.delay';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { InterruptibleReader } from './interruptible.reader';
import { decodeEntry } from './stream-entry.codec';
import type { StreamEntry } from './stream-reply.parser';
import type { StreamTailCommands } from './stream-tail.commands';

/** Entries taken per read: enough to catch up after a burst in a few round trips. */
const READ_COUNT = 100;
/** Pause after a failed read (Redis down) before trying again; a close cuts it short. */
const READ_RETRY_MS = 1000;

export interface StreamTailParams {
  readonly topic: string;
  readonly commands: StreamTailCommands;
  /** The tail's own connection for the blocking read; disconnected on close. */
  readonly reader: Redis;
  /** The id of the newest entry when the tail was asked for: it reads what comes after. */
  readonly after: string;
  /** Never rejects (see `guardedTailHandler`). */
  readonly handle: (event: EventEnvelope) => Promise<void>;
  readonly blockMs: number;
  readonly logger: TransportLogger;
}

/**
 * One tail (`RedisStreamsPubSub.tail`): `XREAD BLOCK` on its own connection from the entry it
 * was started after, each entry's event handed to the handler before the next is read, no
 * group and nothing acknowledged. It keeps its position across failed reads and reconnections,
 * so it misses nothing that is still in the stream; entries that hold no event are logged and
 * skipped.
 */
export class StreamTail {
  private lastId: string;
  private readonly stopping = new AbortController();
  private readonly reader: InterruptibleReader;
  private reading: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly params: StreamTailParams) {
    const { commands, blockMs } = params;
    this.lastId = params.after;
    this.reader = new InterruptibleReader(
      commands,
      params.reader,
      (connection, count) => commands.readAfter(connection, this.lastId, count, blockMs),
      blockMs,
    );
  }

  start(): void {
    this.reading = this.readLoop().catch((error: unknown) =>
      this.params.logger.error(`${this.describe()}: stopped unexpectedly: ${errorMessage(error)}`),
    );
  }

  /** Interrupts the blocked read, waits for the running handler, disconnects. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    await this.reader.interrupt();
    await this.reading;
    this.reader.disconnect();
  }

  private async readLoop(): Promise<void> {
    const { logger } = this.params;
    while (!this.stopped) {
      let entries: StreamEntry[];
      try {
        entries = await this.reader.read(READ_COUNT);
      } catch (error) {
        if (this.stopped) return;
        logger.warn(
          `${this.describe()}: read failed, retrying in ${READ_RETRY_MS} ms: ${errorMessage(error)}`,
        );
        await abortableDelay(READ_RETRY_MS, this.stopping.signal);
        continue;
      }
      for (const entry of entries) {
        if (this.stopped) return;
        this.lastId = entry.id;
        let event: EventEnvelope;
        try {
          event = decodeEntry(entry);
        } catch (error) {
          logger.error(
            `${this.describe()}: entry ${entry.id} is not a valid event envelope, skipping it: ` +
              errorMessage(error),
          );
          continue;
        }
        await this.params.handle(event);
      }
    }
  }

  private describe(): string {
    return `tail of topic "${this.params.topic}" on stream "${this.params.commands.stream}"`;
  }
}
