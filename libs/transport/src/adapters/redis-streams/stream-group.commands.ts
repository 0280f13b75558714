import type { Redis } from 'ioredis';
import { BlockingReadCommands } from './blocking-read.commands';
import {
  CLAIM_ABANDONED_SCRIPT,
  FORGET_IDLE_CONSUMERS_SCRIPT,
  HAND_OVER_SCRIPT,
  KEEP_ALIVE_SCRIPT,
  RECLAIM_OWN_SCRIPT,
} from './stream-group.scripts';
import {
  type ClaimReply,
  expectInteger,
  parseClaimReply,
  parseIds,
  parseGroupsInfo,
  parseIntegers,
  parseReadReply,
  type StreamEntry,
} from './stream-reply.parser';

/** Outcome of redelivering an entry to the consumer whose handler failed on it. */
export type ReclaimResult =
  | { readonly kind: 'reclaimed'; readonly deliveries: number }
  | { readonly kind: 'not-ours' }
  | { readonly kind: 'trimmed' };

/**
 * The Redis commands of one consumer group on one stream, typed. Everything but the blocking
 * read runs on the shared command connection; the read takes the subscription's own
 * connection, because `XREADGROUP BLOCK` holds a connection for as long as it waits.
 */
export class StreamGroupCommands extends BlockingReadCommands {
  constructor(
    redis: Redis,
    readonly stream: string,
    readonly group: string,
  ) {
    super(redis);
  }

  /**
   * Creates the group at the stream's oldest entry (`0`), so a new group receives what is
   * still retained, and the stream itself if needed. An existing group keeps its position.
   */
  async createGroup(): Promise<void> {
    try {
      await this.redis.call('XGROUP', 'CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  /**
   * Entries of the stream the group has not acknowledged: its `pending` count plus its `lag`
   * (entries not delivered yet), the latter capped at the stream's length, because Redis
   * still counts entries trimmed away before the group read them, which it will never
   * deliver. Where Redis cannot tell the lag (`null`: an XDEL'd entry lies ahead of the
   * group), every retained entry counts as undelivered: an upper bound. A group that does
   * not exist lags by the stream's length, as it would be created at `0`; a missing stream,
   * by nothing. XLEN and XINFO run in one MULTI, so both describe the same moment.
   */
  async lag(): Promise<number> {
    const results = await this.redis
      .multi()
      .call('XLEN', this.stream)
      .call('XINFO', 'GROUPS', this.stream)
      .exec();
    if (!results) throw new Error(`reading the lag of group "${this.group}" was aborted`);
    const [[lengthError, lengthReply], [groupsError, groupsReply]] = results;
    if (lengthError) throw lengthError;
    const length = expectInteger(lengthReply, 'XLEN');
    if (groupsError) {
      if (length === 0 && groupsError.message.includes('no such key')) return 0;
      throw groupsError;
    }
    const group = parseGroupsInfo(groupsReply).find(({ name }) => name === this.group);
    if (!group) return length;
    return Math.min(group.lag ?? length, length) + group.pending;
  }

  /** Entries never delivered to the group, waiting up to `blockMs` for the first one. */
  async readNew(
    connection: Redis,
    consumer: string,
    count: number,
    blockMs: number,
  ): Promise<StreamEntry[]> {
    const reply = await connection.call(
      'XREADGROUP',
      'GROUP',
      this.group,
      consumer,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.stream,
      '>',
    );
    return parseReadReply(reply);
  }

  /** Acknowledges entries `ids` with one XACK (one round trip and one socket write). */
  async ack(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.call('XACK', this.stream, this.group, ...ids);
  }

  /**
   * Appends `fields` to `target` and acknowledges entry `id` in one MULTI/EXEC, so a poison
   * entry is dead-lettered exactly when it is acknowledged: never both lost, never both kept.
   */
  async moveToDeadLetter(id: string, target: string, fields: readonly string[]): Promise<void> {
    const results = await this.redis
      .multi()
      .call('XADD', target, '*', ...fields)
      .call('XACK', this.stream, this.group, id)
      .exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (!results || failure) throw failure ?? new Error(`moving entry ${id} to ${target} aborted`);
  }

  async claimAbandoned(
    consumer: string,
    minIdleTimeMs: number,
    cursor: string,
    count: number,
  ): Promise<ClaimReply> {
    const reply = await this.redis.eval(
      CLAIM_ABANDONED_SCRIPT,
      1,
      this.stream,
      this.group,
      consumer,
      minIdleTimeMs,
      cursor,
      count,
    );
    return parseClaimReply(reply);
  }

  /** Redelivers failed entries `ids` to `consumer`; one result per id, in order. */
  async reclaimOwn(consumer: string, ids: readonly string[]): Promise<ReclaimResult[]> {
    if (ids.length === 0) return [];
    const reply = await this.redis.eval(
      RECLAIM_OWN_SCRIPT,
      1,
      this.stream,
      this.group,
      consumer,
      ...ids,
    );
    const counts = parseIntegers(reply, 'reclaimed delivery counts');
    if (counts.length !== ids.length) {
      throw new TypeError(`unexpected Redis reply: ${counts.length} results for ${ids.length} ids`);
    }
    return counts.map((deliveries): ReclaimResult => {
      if (deliveries > 0) return { kind: 'reclaimed', deliveries };
      return deliveries === 0 ? { kind: 'not-ours' } : { kind: 'trimmed' };
    });
  }

  /** Refreshes the entries this consumer holds; returns those another member took. */
  async keepAlive(consumer: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const reply = await this.redis.eval(
      KEEP_ALIVE_SCRIPT,
      1,
      this.stream,
      this.group,
      consumer,
      ...ids,
    );
    return parseIds(reply, 'lost entry ids');
  }

  async handOver(consumer: string, idleMs: number, unstarted: readonly string[]): Promise<number> {
    const reply = await this.redis.eval(
      HAND_OVER_SCRIPT,
      1,
      this.stream,
      this.group,
      consumer,
      idleMs,
      ...unstarted,
    );
    return expectInteger(reply, 'handed-over count');
  }

  async forgetIdleConsumers(consumer: string, idleMs: number): Promise<number> {
    const reply = await this.redis.eval(
      FORGET_IDLE_CONSUMERS_SCRIPT,
      1,
      this.stream,
      this.group,
      consumer,
      idleMs,
    );
    return expectInteger(reply, 'forgotten consumer count');
  }
}
