import type { Redis } from 'ioredis';
import { BlockingReadCommands } from './blocking-read.commands';
import { parseEntries, parseReadReply, type StreamEntry } from './stream-reply.parser';

/**
 * Where a stream with no entries is read from: every entry id is above it. A stream that is
 * missing or empty at subscribe time holds nothing old, so whatever comes later is new.
 */
export const STREAM_START_ID = '0-0';

/** The commands of a tail (a groupless reader) on one stream. */
export class StreamTailCommands extends BlockingReadCommands {
  constructor(
    redis: Redis,
    readonly stream: string,
  ) {
    super(redis);
  }

  /**
   * The id of the stream's newest entry, or `STREAM_START_ID` when it has none: the position
   * a tail reads on from. Asked explicitly rather than reading from `$`, which means "newest"
   * at the time each read reaches the server, so an entry added before the first read (after
   * `tail` resolved) would be missed.
   */
  async newestId(): Promise<string> {
    const [newest] = parseEntries(
      await this.redis.call('XREVRANGE', this.stream, '+', '-', 'COUNT', 1),
    );
    return newest?.id ?? STREAM_START_ID;
  }

  /** At most `count` entries after `lastId`, waiting up to `blockMs` for the first. */
  async readAfter(
    connection: Redis,
    lastId: string,
    count: number,
    blockMs: number,
  ): Promise<StreamEntry[]> {
    const reply = await connection.call(
      'XREAD',
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.stream,
      lastId,
    );
    return parseReadReply(reply);
  }
}
