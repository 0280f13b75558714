import type { Redis } from 'ioredis';
import { errorMessage } from '../../internal/error-message';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { TRIM_STREAM_SCRIPT } from './stream-trim.script';

/**
 * Keeps streams near `maxLen` entries without losing any a group still needs (see
 * TRIM_STREAM_SCRIPT): a stream written to is trimmed `intervalMs` later, once per interval
 * however many publishes came meanwhile, so the check (XLEN, XINFO GROUPS, XPENDING) costs
 * one script call a second per stream rather than work on every publish.
 */
export class StreamTrimmer {
  private readonly due = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly maxLen: number,
    private readonly intervalMs: number,
    private readonly logger: TransportLogger,
  ) {}

  /** A stream got new entries: trims it within `intervalMs`, unless already due. */
  written(stream: string): void {
    if (this.closed || this.maxLen === Number.POSITIVE_INFINITY || this.due.has(stream)) return;
    const timer = setTimeout(() => void this.trim(stream), this.intervalMs);
    timer.unref();
    this.due.set(stream, timer);
  }

  /** Trims now; resolves with how many entries went. Failures are logged, never thrown. */
  async trim(stream: string): Promise<number> {
    clearTimeout(this.due.get(stream));
    this.due.delete(stream);
    try {
      return Number(await this.redis.eval(TRIM_STREAM_SCRIPT, 1, stream, this.maxLen));
    } catch (error) {
      if (!this.closed) {
        this.logger.warn(`could not trim stream "${stream}": ${errorMessage(error)}`);
      }
      return 0;
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }
}
