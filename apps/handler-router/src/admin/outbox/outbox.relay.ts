import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AdminStore } from '../admin.store';
import type { PendingEvent } from './outbox.repository';

/** Events read and published per round. */
export const RELAY_BATCH_SIZE = 500;
/** Between rounds when all is well: picks up what another process left (it crashed, say). */
export const RELAY_SWEEP_MS = 5000;
/** First retry after the bus refused events; doubles up to `RELAY_MAX_BACKOFF_MS`. */
export const RELAY_FIRST_BACKOFF_MS = 500;
export const RELAY_MAX_BACKOFF_MS = 30_000;

/**
 * Publishes the outbox: every event the admin API committed with its state change, oldest
 * first, each removed once the bus has accepted it. One round at a time per process; a
 * round that fails stops at the first refused event (nothing after it overtakes it) and is
 * retried with backoff. So an event is published at least once and, per entity, in commit
 * order; a copy published twice (a crash between publish and remove, two API processes
 * sweeping at once) has the same event id, and the router handles it once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  /** The round publishing now, if any. */
  private round?: Promise<void>;
  /** The round to run after it, for callers whose events it may have missed. */
  private next?: Promise<void>;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: AdminStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    // What an earlier run committed but did not get to publish.
    void this.flush();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.next;
    await this.round;
  }

  /**
   * Publishes every event committed before the call. Never rejects: when the bus refuses,
   * it logs, schedules a retry and resolves; the events stay in the outbox until published.
   */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.round) {
      this.round = this.publishRound().finally(() => (this.round = undefined));
      return this.round;
    }
    // The running round may have read the outbox before the caller's events were committed:
    // one more round after it serves every caller that arrives meanwhile.
    this.next ??= this.round.then(() => {
      this.next = undefined;
      return this.flush();
    });
    return this.next;
  }

  private async publishRound(): Promise<void> {
    try {
      await this.publishAll();
    } catch (error) {
      this.failures++;
      const delayMs = Math.min(
        RELAY_FIRST_BACKOFF_MS * 2 ** (this.failures - 1),
        RELAY_MAX_BACKOFF_MS,
      );
      this.logger.error(
        `could not publish the outbox (attempt ${this.failures}), retrying in ${delayMs} ms: ` +
          (error instanceof Error ? error.message : String(error)),
      );
      this.schedule(delayMs);
      return;
    }
    if (this.failures > 0) {
      this.logger.log(`outbox published after ${this.failures} failed attempt(s)`);
      this.failures = 0;
    }
    this.schedule(RELAY_SWEEP_MS);
  }

  private async publishAll(): Promise<void> {
    for (;;) {
      const pending = await this.store.read(({ outbox }) => outbox.oldest(RELAY_BATCH_SIZE));
      for (const run of runsByTopic(pending)) {
        await this.publisher.publish(
          run[0].topic,
          run.map(({ envelope }) => envelope),
        );
        await this.store.read(({ outbox }) => outbox.remove(run.map(({ seq }) => seq)));
      }
      if (pending.length < RELAY_BATCH_SIZE) return;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }
}

/** Consecutive events of one topic: one publish call each, the order kept. */
function runsByTopic(events: readonly PendingEvent[]): PendingEvent[][] {
  const runs: PendingEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0].topic === event.topic) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
