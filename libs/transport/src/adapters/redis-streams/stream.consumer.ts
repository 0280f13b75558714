import type { EventEnvelope } from '@app/envelope';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../internal/error-message';
import { abortableDelay } from '../../middleware/abortable.delay';
import type { DeliveryContext, EventHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { BackgroundTasks } from './background.tasks';
import { poisonDeadLetterFields } from './poison-entry';
import { decodeEntry } from './stream-entry.codec';
import type { StreamGroupCommands } from './stream-group.commands';
import type { StreamEntry } from './stream-reply.parser';
import { WakeSignal } from './wake.signal';

export interface StreamConsumerSettings {
  readonly blockMs: number;
  readonly claimIntervalMs: number;
  readonly minIdleTimeMs: number;
  readonly redeliveryDelayMs: (attempt: number) => number;
  readonly forgetIdleConsumersAfterMs: number;
  readonly logger: TransportLogger;
}

export interface StreamConsumerParams {
  readonly topic: string;
  /** This consumer's name in the group: unique per subscription. */
  readonly name: string;
  readonly handler: EventHandlerFn;
  readonly concurrency: number;
  readonly commands: StreamGroupCommands;
  /** The subscription's own connection for the blocking read; disconnected on close. */
  readonly reader: Redis;
  /**
   * Where entries that hold no valid event go (the topic's `.dlq` stream, trimmed like any
   * publish); absent when the topic is a dead-letter topic itself (there is no `.dlq.dlq`).
   */
  readonly deadLetter?: {
    readonly stream: string;
    readonly trimming: readonly (string | number)[];
  };
  readonly settings: StreamConsumerSettings;
}

/**
 * Idle time given to entries handed over on close: a day, older than any sensible
 * `minIdleTimeMs`. Not "infinite": Redis computes `now - idle` and clamps a negative result
 * to now, which would make the entry look fresh and undo the hand-over.
 */
const HAND_OVER_IDLE_MS = 86_400_000;
/** How often a close re-sends CLIENT UNBLOCK while the read has not reached the server yet. */
const UNBLOCK_RETRY_MS = 20;
/** Pause after a failed read (Redis down) before trying again; a close cuts it short. */
const READ_RETRY_MS = 1000;
/** How often one member looks for consumers to forget (cheap, but no need to do it often). */
const FORGET_CHECK_INTERVAL_MS = 60_000;

/**
 * Where an entry pending to this consumer stands. `queued`: delivered (or redelivered) and
 * waiting for a work slot, i.e. delivery `attempt` has not run yet; `running`: its handler is
 * running; `retrying`: its handler failed and it waits for the redelivery delay.
 */
type HeldState = 'queued' | 'running' | 'retrying';

interface HeldEntry {
  readonly entry: StreamEntry;
  /** The group's delivery count for the delivery this consumer holds (`context.attempt`). */
  attempt: number;
  state: HeldState;
  retryTimer: NodeJS.Timeout | undefined;
}

type Outcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'undecodable'; readonly error: unknown }
  | { readonly kind: 'failed'; readonly eventId: string; readonly error: unknown };

/**
 * One subscription: a consumer in a Redis Streams consumer group.
 *
 * New entries come from `XREADGROUP ... >` on the subscription's own connection, never more
 * than the free work slots. An entry is acknowledged (XACK) only after its handler resolved;
 * a failed one stays pending and is redelivered to this consumer after the redelivery delay,
 * its delivery count bumped (that count is `context.attempt`). Entries abandoned by other
 * consumers (a crashed process: pending longer than `minIdleTimeMs`; a closed subscription:
 * handed over at once) are taken with XAUTOCLAIM on a timer. Entries this consumer holds are
 * kept alive meanwhile, so a slow handler's event is not taken from under it.
 */
export class StreamConsumer {
  private readonly held = new Map<string, HeldEntry>();
  private readonly queue: HeldEntry[] = [];
  private running = 0;
  private readonly stopping = new AbortController();
  private readonly tasks: BackgroundTasks;
  private readonly slotFreed = new WakeSignal();
  private claimCursor = '0-0';
  private claiming = false;
  private lastForgetCheck = Number.NEGATIVE_INFINITY;
  private claimTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private reading: Promise<unknown> | undefined;
  private readerClientId: number | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly params: StreamConsumerParams) {
    this.tasks = new BackgroundTasks((error) =>
      this.logger.error(`${this.describe()}: unexpected failure: ${errorMessage(error)}`),
    );
  }

  start(): void {
    const { claimIntervalMs, minIdleTimeMs } = this.params.settings;
    this.tasks.track(this.readLoop());
    this.claimTimer = setInterval(() => this.claimTick(), claimIntervalMs).unref();
    // A third of the idle limit: two refreshes may be late before another member steps in.
    this.keepAliveTimer = setInterval(
      () => this.tasks.track(this.keepAlive()),
      Math.max(1, Math.floor(minIdleTimeMs / 3)),
    ).unref();
    // Pick up what a closed or crashed predecessor left, without waiting a whole interval.
    this.claimTick();
  }

  /**
   * Stops reading and claiming, aborts `context.signal`, waits for the running handlers (and
   * their acknowledgements), then hands every entry still pending to this consumer to the
   * rest of the group. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private get logger(): TransportLogger {
    return this.params.settings.logger;
  }

  /** Slots not yet spoken for by a running or queued entry: how much more to read or claim. */
  private get room(): number {
    return this.params.concurrency - this.running - this.queue.length;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.claimTimer);
    for (const held of this.held.values()) {
      clearTimeout(held.retryTimer);
      held.retryTimer = undefined;
    }
    this.slotFreed.wake();
    await this.interruptRead();
    await this.tasks.drain();
    // Kept alive until here: a handler still finishing must not lose its event to XAUTOCLAIM.
    clearInterval(this.keepAliveTimer);
    await this.handOver();
    this.params.reader.disconnect();
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped) {
      const room = this.room;
      if (room <= 0) {
        await this.slotFreed.wait();
        continue;
      }
      try {
        const entries = await this.readNew(room);
        for (const entry of entries) this.hold(entry, 1);
        this.pump();
      } catch (error) {
        if (this.stopped) break;
        await this.recoverFromReadError(error);
      }
    }
  }

  private async readNew(count: number): Promise<StreamEntry[]> {
    const { commands, reader, name, settings } = this.params;
    // Sent on the reader's connection just before the read, so it answers at once and tells
    // a close which client to unblock (the id changes when ioredis reconnects).
    void commands.clientId(reader).then(
      (id) => (this.readerClientId = id),
      () => undefined,
    );
    const read = commands.readNew(reader, name, count, settings.blockMs);
    this.reading = read;
    try {
      return await read;
    } finally {
      this.reading = undefined;
    }
  }

  private async recoverFromReadError(error: unknown): Promise<void> {
    const message = errorMessage(error);
    if (message.startsWith('NOGROUP')) {
      // Someone deleted the stream or the group: recreate both and carry on.
      this.logger.warn(`${this.describe()}: group or stream vanished, recreating it: ${message}`);
      try {
        await this.params.commands.createGroup();
        return;
      } catch (createError) {
        this.logger.warn(
          `${this.describe()}: could not recreate the group: ${errorMessage(createError)}`,
        );
      }
    } else {
      this.logger.warn(
        `${this.describe()}: read failed, retrying in ${READ_RETRY_MS} ms: ${message}`,
      );
    }
    await abortableDelay(READ_RETRY_MS, this.stopping.signal);
  }

  /**
   * Ends a blocked XREADGROUP without taking entries (CLIENT UNBLOCK from the command
   * connection). The read may not have reached the server yet, so UNBLOCK is repeated until
   * the read settles. If Redis cannot be reached, neither would ever happen: after the longest
   * a read can block (plus a second) the reader connection is dropped instead.
   */
  private async interruptRead(): Promise<void> {
    const { commands, reader, settings } = this.params;
    const deadline = performance.now() + settings.blockMs + 1000;
    const pause = (ms: number) => sleep(ms, undefined, { ref: false });
    while (this.reading) {
      const settled = this.reading.then(
        () => undefined,
        () => undefined,
      );
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        reader.disconnect();
        await settled;
        return;
      }
      const clientId = this.readerClientId;
      const unblocked =
        clientId === undefined
          ? pause(UNBLOCK_RETRY_MS)
          : commands.unblock(clientId).then(
              (done) => (done ? undefined : pause(UNBLOCK_RETRY_MS)),
              () => pause(UNBLOCK_RETRY_MS),
            );
      await Promise.race([settled, unblocked, pause(remaining)]);
    }
  }

  private hold(entry: StreamEntry, attempt: number): void {
    const held: HeldEntry = { entry, attempt, state: 'queued', retryTimer: undefined };
    this.held.set(entry.id, held);
    this.queue.push(held);
  }

  /** Starts queued entries while slots are free; nothing new starts once closing. */
  private pump(): void {
    while (!this.stopped && this.running < this.params.concurrency) {
      const next = this.queue.shift();
      if (!next) return;
      next.state = 'running';
      this.running += 1;
      this.tasks.track(this.deliver(next));
    }
  }

  private async deliver(held: HeldEntry): Promise<void> {
    const outcome = await this.invoke(held);
    if (outcome.kind === 'failed') this.afterFailure(held, outcome);
    else if (outcome.kind === 'undecodable') await this.deadLetterPoison(held, outcome.error);
    else await this.acknowledge(held);
    this.running -= 1;
    this.slotFreed.wake();
    this.pump();
  }

  /** Runs the handler; never rejects, so no handler error becomes an unhandled rejection. */
  private async invoke(held: HeldEntry): Promise<Outcome> {
    const { topic, handler, commands } = this.params;
    let event: EventEnvelope;
    try {
      event = decodeEntry(held.entry);
    } catch (error) {
      return { kind: 'undecodable', error };
    }
    const context: DeliveryContext = {
      topic,
      group: commands.group,
      attempt: held.attempt,
      // One stream per topic: there is a single "partition".
      partition: 0,
      offset: held.entry.id,
      signal: this.stopping.signal,
    };
    try {
      await handler(event, context);
      return { kind: 'handled' };
    } catch (error) {
      return { kind: 'failed', eventId: event.id, error };
    }
  }

  /**
   * An entry that holds no valid event (a foreign XADD) can reach no handler, and redelivery
   * cannot fix it; it must not be lost either. It moves to the dead-letter stream with the
   * failure attached (see `poisonDeadLetterFields`); if that fails, it stays pending and comes
   * back like a failed event. On a dead-letter stream itself it is logged and acknowledged,
   * and stays in the stream until trimmed.
   */
  private async deadLetterPoison(held: HeldEntry, error: unknown): Promise<void> {
    const { deadLetter, commands, topic } = this.params;
    const id = held.entry.id;
    const why = `entry ${id} is not a valid event envelope (${errorMessage(error)})`;
    if (!deadLetter) {
      this.logger.error(`${this.describe()}: ${why}; skipping it, it stays in the stream`);
      await this.acknowledge(held);
      return;
    }
    const fields = poisonDeadLetterFields(held.entry, {
      topic,
      group: commands.group,
      deliveryAttempt: held.attempt,
      error,
      failedAt: new Date(),
    });
    try {
      await commands.moveToDeadLetter(id, deadLetter.stream, fields, deadLetter.trimming);
      this.held.delete(id);
      this.logger.error(`${this.describe()}: ${why}; moved it to "${deadLetter.stream}"`);
    } catch (moveError) {
      this.afterFailure(held, { eventId: `(undecodable entry ${id})`, error: moveError });
    }
  }

  private async acknowledge(held: HeldEntry): Promise<void> {
    try {
      await this.params.commands.ack(held.entry.id);
    } catch (error) {
      // Still pending: another member (or this one) redelivers it after `minIdleTimeMs`.
      this.logger.warn(
        `${this.describe()}: could not acknowledge entry ${held.entry.id}, it will be ` +
          `redelivered: ${errorMessage(error)}`,
      );
    }
    this.held.delete(held.entry.id);
  }

  private afterFailure(
    held: HeldEntry,
    failure: { readonly eventId: string; readonly error: unknown },
  ): void {
    held.state = 'retrying';
    const where = `event ${failure.eventId} (entry ${held.entry.id}, attempt ${held.attempt})`;
    if (this.stopped) {
      // Left pending: the hand-over gives it to the rest of the group.
      this.logger.warn(
        `${this.describe()}: handler failed on ${where} while closing; handing it over: ` +
          errorMessage(failure.error),
      );
      return;
    }
    const delayMs = this.params.settings.redeliveryDelayMs(held.attempt);
    this.logger.warn(
      `${this.describe()}: handler failed on ${where}; redelivering in ${delayMs} ms: ` +
        errorMessage(failure.error),
    );
    this.scheduleRedelivery(held, delayMs);
  }

  private scheduleRedelivery(held: HeldEntry, delayMs: number): void {
    held.retryTimer = setTimeout(() => {
      held.retryTimer = undefined;
      this.tasks.track(this.redeliver(held, delayMs));
    }, delayMs).unref();
  }

  /** Takes the failed entry again (bumping its delivery count) unless another member has. */
  private async redeliver(held: HeldEntry, delayMs: number): Promise<void> {
    if (this.stopped) return;
    const id = held.entry.id;
    try {
      const result = await this.params.commands.reclaimOwn(this.params.name, id);
      if (result.kind === 'reclaimed') {
        held.attempt = result.deliveries;
        held.state = 'queued';
        // Ahead of new entries: an event that failed has waited longest.
        this.queue.unshift(held);
        this.pump();
        return;
      }
      this.held.delete(id);
      if (result.kind === 'trimmed') this.warnTrimmed([id]);
      // 'not-ours': idle past `minIdleTimeMs`, another member took it and redelivers it.
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `${this.describe()}: could not redeliver entry ${id}, retrying in ${delayMs} ms: ` +
          errorMessage(error),
      );
      this.scheduleRedelivery(held, delayMs);
    }
  }

  private claimTick(): void {
    if (this.claiming || this.stopped) return;
    this.claiming = true;
    this.tasks.track(
      this.claimAbandoned().finally(() => {
        this.claiming = false;
      }),
    );
  }

  private async claimAbandoned(): Promise<void> {
    const { commands, name, settings } = this.params;
    try {
      await this.forgetIdleConsumersNowAndThen();
      const room = this.room;
      if (room <= 0 || this.stopped) return;
      const reply = await commands.claimAbandoned(
        name,
        settings.minIdleTimeMs,
        this.claimCursor,
        room,
      );
      this.claimCursor = reply.cursor;
      if (reply.deleted.length > 0) this.warnTrimmed(reply.deleted);
      for (const { entry, deliveries } of reply.claimed) {
        // Already ours (its keep-alive came late): it is queued, running or retrying here.
        if (!this.held.has(entry.id)) this.hold(entry, deliveries);
      }
      this.pump();
    } catch (error) {
      if (!this.stopped) {
        this.logger.warn(
          `${this.describe()}: could not claim abandoned entries: ${errorMessage(error)}`,
        );
      }
    }
  }

  private async forgetIdleConsumersNowAndThen(): Promise<void> {
    const now = performance.now();
    if (now - this.lastForgetCheck < FORGET_CHECK_INTERVAL_MS) return;
    this.lastForgetCheck = now;
    const { commands, name, settings } = this.params;
    await commands.forgetIdleConsumers(name, settings.forgetIdleConsumersAfterMs);
  }

  private async keepAlive(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    try {
      const lost = await this.params.commands.keepAlive(this.params.name, ids);
      for (const id of lost) this.release(id);
    } catch (error) {
      this.logger.warn(
        `${this.describe()}: could not refresh ${ids.length} held entries: ${errorMessage(error)}`,
      );
    }
  }

  /**
   * Forgets an entry another member has taken over, unless its handler is running (that run
   * finishes; its acknowledgement is harmless). Not starting it again avoids a duplicate.
   */
  private release(id: string): void {
    const held = this.held.get(id);
    if (!held || held.state === 'running') return;
    clearTimeout(held.retryTimer);
    const index = this.queue.indexOf(held);
    if (index >= 0) this.queue.splice(index, 1);
    this.held.delete(id);
  }

  private async handOver(): Promise<void> {
    const { commands, name } = this.params;
    const unstarted = [...this.held.values()]
      .filter((held) => held.state === 'queued')
      .map((held) => held.entry.id);
    try {
      await commands.handOver(name, HAND_OVER_IDLE_MS, unstarted);
    } catch (error) {
      this.logger.warn(
        `${this.describe()}: could not hand over its pending entries; other members take ` +
          `them after ${this.params.settings.minIdleTimeMs} ms: ${errorMessage(error)}`,
      );
    }
    this.held.clear();
    this.queue.length = 0;
  }

  private warnTrimmed(ids: readonly string[]): void {
    this.logger.warn(
      `${this.describe()}: ${ids.length} pending entries were trimmed from the stream before ` +
        `being handled (raise maxLen): ${ids.join(', ')}`,
    );
  }

  private describe(): string {
    const { commands, name } = this.params;
    return `consumer "${name}" of group "${commands.group}" on stream "${commands.stream}"`;
  }
}
