import type { Redis } from 'ioredis';
import { errorMessage } from '../../internal/error-message';
import { abortableDelay } from '../../middleware/abortable.delay';
import type { Delivery, EventBatchHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { AckCoalescer } from './ack.coalescer';
import { BackgroundTasks } from './background.tasks';
import { type HeldBatch, type HeldEntry, splitOff, toBatches } from './held.batch';
import { InterruptibleReader } from './interruptible.reader';
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
  readonly onPoisonDeadLettered?: (topic: string) => void;
  readonly logger: TransportLogger;
}

export interface StreamConsumerParams {
  readonly topic: string;
  /** This consumer's name in the group: unique per subscription. */
  readonly name: string;
  readonly handler: EventBatchHandlerFn;
  /** Most entries per handler call: 1 for a per-event `subscribe`. */
  readonly maxBatchSize: number;
  /** Batches (entries, for a per-event `subscribe`) handled at once. */
  readonly concurrency: number;
  readonly commands: StreamGroupCommands;
  /** The subscription's own connection for the blocking read; disconnected on close. */
  readonly reader: Redis;
  /**
   * Where entries that hold no valid event go (the topic's `.dlq` stream; `written` has it
   * trimmed like any stream published to); absent when the topic is a dead-letter topic
   * itself (there is no `.dlq.dlq`).
   */
  readonly deadLetter?: {
    readonly stream: string;
    readonly written: () => void;
  };
  readonly settings: StreamConsumerSettings;
}

/** Batches read ahead, per slot of `concurrency`, queued while the slots are busy. */
const READ_AHEAD = 1;

/**
 * Idle time given to entries handed over on close: a day, older than any sensible
 * `minIdleTimeMs`. Not "infinite": Redis computes `now - idle` and clamps a negative result
 * to now, which would make the entry look fresh and undo the hand-over.
 */
const HAND_OVER_IDLE_MS = 86_400_000;
/** Pause after a failed read (Redis down) before trying again; a close cuts it short. */
const READ_RETRY_MS = 1000;
/** How often one member looks for consumers to forget (cheap, but no need to do it often). */
const FORGET_CHECK_INTERVAL_MS = 60_000;

/**
 * One subscription: a consumer in a Redis Streams consumer group.
 *
 * New entries come from `XREADGROUP ... >` on the subscription's own connection, never more
 * than the free work slots can take (`maxBatchSize` entries per slot), and are cut into
 * batches of at most `maxBatchSize` (1 for a per-event `subscribe`), each one handler call.
 * A batch is acknowledged only after its handler resolved, with XACKs coalesced across
 * batches (`AckCoalescer`); a failed batch stays pending and is redelivered to this consumer
 * after the redelivery delay, its delivery counts bumped (that count is `context.attempt`).
 * Entries abandoned by other consumers (a crashed process: pending longer than
 * `minIdleTimeMs`; a closed subscription: handed over at once) are taken with XAUTOCLAIM on
 * a timer. Entries this consumer holds are kept alive meanwhile, so a slow handler's event
 * is not taken from under it.
 */
export class StreamConsumer {
  private readonly held = new Map<string, HeldEntry>();
  private readonly queue: HeldBatch[] = [];
  /** Batches whose handler is running. */
  private running = 0;
  private readonly stopping = new AbortController();
  private readonly tasks: BackgroundTasks;
  private readonly acks: AckCoalescer;
  private readonly slotFreed = new WakeSignal();
  private claimCursor = '0-0';
  private claiming = false;
  private lastForgetCheck = Number.NEGATIVE_INFINITY;
  private claimTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private readonly reader: InterruptibleReader;
  private closing: Promise<void> | undefined;

  constructor(private readonly params: StreamConsumerParams) {
    const { commands, name, settings } = params;
    this.reader = new InterruptibleReader(
      commands,
      params.reader,
      (connection, count) => commands.readNew(connection, name, count, settings.blockMs),
      settings.blockMs,
    );
    this.tasks = new BackgroundTasks((error) =>
      this.logger.error(`${this.describe()}: unexpected failure: ${errorMessage(error)}`),
    );
    this.acks = new AckCoalescer(
      (ids) => params.commands.ack(ids),
      (ids, error) => this.acknowledged(ids, error),
      (work) => this.tasks.track(work),
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

  /**
   * Entries the consumer may still take: a batch for every slot, and as many again queued
   * behind them (READ_AHEAD), so that the next read overlaps the handling of the last one
   * instead of waiting for slots to free. Without it a consumer sat idle a fifth of the time
   * between reads. Queued entries are held like running ones: kept alive, claimed by no one
   * else, and handed over unstarted on close.
   */
  private get room(): number {
    const { concurrency, maxBatchSize } = this.params;
    const batches = concurrency * (1 + READ_AHEAD) - this.running - this.queue.length;
    return batches * maxBatchSize;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.claimTimer);
    for (const held of this.held.values()) {
      clearTimeout(held.batch.retryTimer);
      held.batch.retryTimer = undefined;
    }
    this.slotFreed.wake();
    await this.reader.interrupt();
    while (this.running > 0) await this.slotFreed.wait();
    await this.tasks.drain();
    // Kept alive until here: a handler still finishing must not lose its event to XAUTOCLAIM.
    clearInterval(this.keepAliveTimer);
    await this.handOver();
    this.reader.disconnect();
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped) {
      const room = this.room;
      if (room <= 0) {
        await this.slotFreed.wait();
        continue;
      }
      try {
        const entries = await this.reader.read(room);
        this.hold(entries.map((entry) => ({ entry, attempt: 1 })));
        this.pump();
      } catch (error) {
        if (this.stopped) break;
        await this.recoverFromReadError(error);
      }
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

  private hold(
    delivered: readonly { readonly entry: StreamEntry; readonly attempt: number }[],
  ): void {
    for (const batch of toBatches(delivered, this.params.maxBatchSize)) {
      for (const held of batch.entries) this.held.set(held.entry.id, held);
      this.queue.push(batch);
    }
  }

  /** Starts queued batches while slots are free; nothing new starts once closing. */
  private pump(): void {
    while (!this.stopped && this.running < this.params.concurrency) {
      const next = this.queue.shift();
      if (!next) return;
      next.state = 'running';
      this.running += 1;
      void this.deliver(next);
    }
  }

  /**
   * Runs one batch. Not tracked as a background task: `running` counts it, and `shutdown`
   * waits for that to reach zero (a promise and a set entry per event cost as much as
   * decoding one).
   */
  private async deliver(batch: HeldBatch): Promise<void> {
    try {
      const { deliveries, poison } = this.decode(batch);
      // Dead-lettered first, so that the handler's batch is what is left of it.
      for (const { held, error } of poison) await this.deadLetterPoison(held, error);
      if (deliveries.length > 0) await this.handle(batch, deliveries);
    } catch (error) {
      this.logger.error(`${this.describe()}: unexpected failure: ${errorMessage(error)}`);
    } finally {
      this.running -= 1;
      this.slotFreed.wake();
      this.pump();
    }
  }

  private async handle(batch: HeldBatch, deliveries: readonly Delivery[]): Promise<void> {
    try {
      await this.params.handler(deliveries);
    } catch (error) {
      this.afterFailure(batch, error, `event ${deliveries[0].event.id}`);
      return;
    }
    batch.state = 'handled';
    this.acks.add(batch.entries.map((held) => held.entry.id));
  }

  /**
   * The batch's events, each with its context, and the entries that hold no valid event (a
   * foreign XADD). Those can reach no handler, and redelivery cannot fix them; they must not
   * be lost either: each leaves the batch for the dead-letter stream with the failure
   * attached (see `poisonDeadLetterFields`); if that fails, it stays pending, as a batch of
   * its own, and comes back like a failed event. On a dead-letter stream itself it is logged
   * and acknowledged, and stays in the stream until trimmed.
   */
  private decode(batch: HeldBatch): {
    deliveries: Delivery[];
    poison: { held: HeldEntry; error: unknown }[];
  } {
    const { topic, commands } = this.params;
    const deliveries: Delivery[] = [];
    const poison: { held: HeldEntry; error: unknown }[] = [];
    for (const held of batch.entries) {
      try {
        const event = decodeEntry(held.entry);
        const context = {
          topic,
          group: commands.group,
          attempt: held.attempt,
          // One stream per topic: there is a single "partition".
          partition: 0,
          offset: held.entry.id,
          signal: this.stopping.signal,
        };
        deliveries.push({ event, context });
      } catch (error) {
        poison.push({ held, error });
      }
    }
    return { deliveries, poison };
  }

  private async deadLetterPoison(held: HeldEntry, error: unknown): Promise<void> {
    const { deadLetter, commands, topic } = this.params;
    const id = held.entry.id;
    const why = `entry ${id} is not a valid event envelope (${errorMessage(error)})`;
    if (!deadLetter) {
      this.logger.error(`${this.describe()}: ${why}; skipping it, it stays in the stream`);
      this.acks.add([id]);
      splitOff(held, 'handled');
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
      await commands.moveToDeadLetter(id, deadLetter.stream, fields);
      deadLetter.written();
      this.params.settings.onPoisonDeadLettered?.(topic);
      splitOff(held, 'handled');
      this.held.delete(id);
      this.logger.error(`${this.describe()}: ${why}; moved it to "${deadLetter.stream}"`);
    } catch (moveError) {
      this.afterFailure(splitOff(held, 'running'), moveError, `undecodable entry ${id}`);
    }
  }

  /** The XACK of `ids` returned (or failed): they are no longer this consumer's to hold. */
  private acknowledged(ids: readonly string[], error: unknown): void {
    if (error !== undefined) {
      // Still pending: another member (or this one) redelivers them after `minIdleTimeMs`.
      this.logger.warn(
        `${this.describe()}: could not acknowledge ${ids.length} entries, they will be ` +
          `redelivered: ${errorMessage(error)}`,
      );
    }
    for (const id of ids) this.held.delete(id);
  }

  /** `first` names the batch's first event (or undecodable entry) for the log. */
  private afterFailure(batch: HeldBatch, error: unknown, first: string): void {
    batch.state = 'retrying';
    const attempt = batch.entries.reduce((most, held) => Math.max(most, held.attempt), 1);
    const where = `${describeBatch(batch, first)}, attempt ${attempt}`;
    if (this.stopped) {
      // Left pending: the hand-over gives it to the rest of the group.
      this.logger.warn(
        `${this.describe()}: handler failed on ${where} while closing; handing it over: ` +
          errorMessage(error),
      );
      return;
    }
    const delayMs = this.params.settings.redeliveryDelayMs(attempt);
    this.logger.warn(
      `${this.describe()}: handler failed on ${where}; redelivering in ${delayMs} ms: ` +
        errorMessage(error),
    );
    this.scheduleRedelivery(batch, delayMs);
  }

  private scheduleRedelivery(batch: HeldBatch, delayMs: number): void {
    batch.retryTimer = setTimeout(() => {
      batch.retryTimer = undefined;
      this.tasks.track(this.redeliver(batch, delayMs));
    }, delayMs).unref();
  }

  /**
   * Takes the failed batch's entries again (bumping their delivery counts), but those another
   * member took meanwhile, and queues what is left as one batch.
   */
  private async redeliver(batch: HeldBatch, delayMs: number): Promise<void> {
    if (this.stopped || batch.entries.length === 0) return;
    const ids = batch.entries.map((held) => held.entry.id);
    try {
      const results = await this.params.commands.reclaimOwn(this.params.name, ids);
      // By id: a keep-alive may have released entries of the batch meanwhile.
      const resultOf = new Map(ids.map((id, i) => [id, results[i]]));
      const trimmed: string[] = [];
      batch.entries = batch.entries.filter((held) => {
        const result = resultOf.get(held.entry.id) ?? { kind: 'not-ours' };
        if (result.kind === 'reclaimed') {
          held.attempt = result.deliveries;
          return true;
        }
        // 'not-ours': idle past `minIdleTimeMs`, another member took it and redelivers it.
        if (result.kind === 'trimmed') trimmed.push(held.entry.id);
        this.held.delete(held.entry.id);
        return false;
      });
      if (trimmed.length > 0) this.warnTrimmed(trimmed);
      if (batch.entries.length === 0) return;
      batch.state = 'queued';
      // Ahead of new entries: events that failed have waited longest.
      this.queue.unshift(batch);
      this.pump();
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `${this.describe()}: could not redeliver ${ids.length} entries, retrying in ` +
          `${delayMs} ms: ${errorMessage(error)}`,
      );
      this.scheduleRedelivery(batch, delayMs);
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
      this.hold(
        reply.claimed
          // Already ours (its keep-alive came late): it is queued, running or retrying here.
          .filter(({ entry }) => !this.held.has(entry.id))
          .map(({ entry, deliveries }) => ({ entry, attempt: deliveries })),
      );
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
   * Forgets an entry another member has taken over, unless its handler is running or has
   * succeeded (that run finishes; its acknowledgement is harmless). Not starting it again
   * avoids a duplicate.
   */
  private release(id: string): void {
    const held = this.held.get(id);
    if (!held || held.batch.state === 'running' || held.batch.state === 'handled') return;
    const batch = held.batch;
    batch.entries = batch.entries.filter((other) => other !== held);
    this.held.delete(id);
    if (batch.entries.length > 0) return;
    clearTimeout(batch.retryTimer);
    batch.retryTimer = undefined;
    const index = this.queue.indexOf(batch);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private async handOver(): Promise<void> {
    const { commands, name } = this.params;
    const unstarted = [...this.held.values()]
      .filter((held) => held.batch.state === 'queued')
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

/** `event X (entry 1-0)`, or `a batch of 3 from event X (entries 1-0 to 3-0)`, for logs. */
function describeBatch(batch: HeldBatch, first: string): string {
  const ids = batch.entries.map((held) => held.entry.id);
  if (ids.length === 1) return `${first} (entry ${ids[0]})`;
  return `a batch of ${ids.length} from ${first} (entries ${ids[0]} to ${ids[ids.length - 1]})`;
}
