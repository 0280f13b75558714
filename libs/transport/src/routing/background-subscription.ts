import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from '../internal/error-message';
import type { Subscription } from '../ports/event-bus.port';
import type { TransportLogger } from '../ports/transport-logger.port';

/**
 * A subscription joined in the background, retrying with backoff until it succeeds or is
 * closed. On Kafka a join can wait out a dead member's session (30 s by default), and an app
 * must not hold back its HTTP server (and `/health`) for that; `joined` says when it is in.
 */
export class BackgroundSubscription {
  private subscription?: Subscription;
  private readonly closing = new AbortController();
  private readonly joining: Promise<void>;

  constructor(
    private readonly what: string,
    join: () => Promise<Subscription>,
    private readonly logger: TransportLogger,
  ) {
    this.joining = this.joinWithRetries(join);
  }

  get joined(): boolean {
    return this.subscription !== undefined;
  }

  /** Settles once joined, or once closed before it could join. */
  get ready(): Promise<void> {
    return this.joining;
  }

  /** Stops retrying, waits for a join in progress, then leaves gracefully. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.joining;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
  }

  private async joinWithRetries(join: () => Promise<Subscription>): Promise<void> {
    const { signal } = this.closing;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        this.subscription = await join();
        if (signal.aborted) await this.subscription.close();
        return;
      } catch (error) {
        const delayMs = Math.min(500 * 2 ** attempt, 30_000);
        this.logger.error(
          `${this.what}: could not join (attempt ${attempt}), retrying in ${delayMs} ms: ` +
            errorMessage(error),
        );
        await delay(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
