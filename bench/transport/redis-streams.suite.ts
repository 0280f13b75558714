import { deserializeEnvelope } from '@app/envelope';
import { REDIS_STREAMS_DEFAULTS, RedisStreamsPubSub } from '@app/transport/adapters/redis-streams';
import { Redis } from 'ioredis';
import type { BenchConfig } from './config';
import { BENCH_EVENT_TYPE } from './events';
import {
  type Consumption,
  DeliveryCounter,
  type Measurement,
  timePublish,
  withTimeout,
} from './measure';
import {
  benchLogger,
  cleanUp,
  type Contender,
  resourceName,
  type RoundInput,
  type Suite,
} from './suite';

const KEY_PREFIX = 'bench:';
const ENVELOPE_FIELD = 'envelope';
/** How long one raw XREADGROUP waits: bounds each turn of the raw read loop. */
const RAW_BLOCK_MS = 1000;

/**
 * RedisStreamsPubSub next to ioredis doing the same work: the same entries (one `envelope`
 * field holding the CloudEvents JSON) appended with pipelined `XADD MAXLEN ~` (the adapter's
 * default `maxLen`), one pipeline per batch, and read by a group consumer on a connection
 * of its own with `XREADGROUP COUNT <batch>`, each entry decoded into an envelope as the
 * adapter does (then, in a second group, only its JSON parsed), then one XACK per read. Every round uses fresh streams and groups; the streams are deleted at the end.
 */
export async function redisStreamsSuite(config: BenchConfig): Promise<Suite> {
  const redis = new Redis(config.redisUrl, { lazyConnect: true });
  redis.on('error', (error: Error) => benchLogger.warn(`raw Redis: ${error.message}`));
  await withTimeout(redis.connect(), 30_000, 'redis connect');
  const pubsub = new RedisStreamsPubSub({
    connection: config.redisUrl,
    keyPrefix: KEY_PREFIX,
    logger: benchLogger,
  });
  const streams: string[] = [];
  const maxLen = REDIS_STREAMS_DEFAULTS.maxLen;

  const raw: Contender = {
    description:
      `ioredis pipelined XADD MAXLEN ~ ${maxLen} + XREADGROUP COUNT ${config.batchSize} and XACK, ` +
      'decoding each entry with deserializeEnvelope, then again in another group parsing the JSON only',
    async round(input: RoundInput): Promise<Measurement> {
      const stream = `${KEY_PREFIX}${resourceName('redis', 'raw', input.round)}`;
      streams.push(stream);
      const publish = await timePublish(
        `XADD to ${stream}`,
        input.batches,
        input.timeoutMs,
        async (batch) => {
          const pipeline = redis.pipeline();
          for (const event of batch) {
            pipeline.xadd(
              stream,
              'MAXLEN',
              '~',
              maxLen,
              '*',
              ENVELOPE_FIELD,
              JSON.stringify(event),
            );
          }
          const results = await pipeline.exec();
          const failure = results?.find(([error]) => error !== null)?.[0];
          if (!results || failure) throw failure ?? new Error(`XADD pipeline to ${stream} aborted`);
        },
      );

      const consume = await rawConsume(stream, 'envelope', isBenchEnvelope, input);
      const consumeJsonOnly = await rawConsume(stream, 'json', isBenchJson, input);
      return { publish, consume, consumeJsonOnly };
    },
  };

  /** A group of its own reading the stream from the start, one XACK per read, timed. */
  const rawConsume = async (
    stream: string,
    group: string,
    isBench: (envelopeJson: string) => boolean,
    input: RoundInput,
  ): Promise<Consumption> => {
    const counter = new DeliveryCounter(input.events.length);
    // Blocking reads get a connection of their own, as in the adapter.
    const reader = redis.duplicate();
    reader.on('error', (error: Error) => benchLogger.warn(`raw Redis reader: ${error.message}`));
    try {
      await reader.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM');
      const deadline = performance.now() + input.timeoutMs;
      while (!counter.complete && performance.now() < deadline) {
        const reply = await reader.call(
          'XREADGROUP',
          'GROUP',
          group,
          'raw',
          'COUNT',
          config.batchSize,
          'BLOCK',
          RAW_BLOCK_MS,
          'STREAMS',
          stream,
          '>',
        );
        const ids: string[] = [];
        for (const [id, fields] of readEntries(reply)) {
          if (isBench(fieldValue(fields, ENVELOPE_FIELD))) counter.hit();
          ids.push(id);
        }
        if (ids.length > 0) await reader.call('XACK', stream, group, ...ids);
      }
      if (!counter.complete) {
        throw new Error(
          `XREADGROUP (${group}) of ${stream}: ${counter.count} of ${counter.expected} read within ${input.timeoutMs} ms`,
        );
      }
      return await counter.finished(`XREADGROUP (${group}) of ${stream}`, input.timeoutMs);
    } finally {
      reader.disconnect();
    }
  };

  const adapter: Contender = {
    description: `RedisStreamsPubSub.publish + subscribe (concurrency ${config.redisConcurrency})`,
    async round(input: RoundInput): Promise<Measurement> {
      const topic = resourceName('redis', 'adapter', input.round);
      streams.push(pubsub.streamKey(topic), pubsub.streamKey(`${topic}.dlq`));
      const publish = await timePublish(
        `RedisStreamsPubSub to ${topic}`,
        input.batches,
        input.timeoutMs,
        (batch) => pubsub.publish(topic, batch),
      );
      const counter = new DeliveryCounter(input.events.length);
      const subscription = await withTimeout(
        pubsub.subscribe(
          topic,
          async (event) => {
            if (event.type === BENCH_EVENT_TYPE) counter.hit();
          },
          { group: 'bench', concurrency: config.redisConcurrency },
        ),
        input.timeoutMs,
        `RedisStreamsPubSub subscription to ${topic}`,
      );
      try {
        const consume = await counter.finished(
          `RedisStreamsPubSub subscription to ${topic}`,
          input.timeoutMs,
        );
        return { publish, consume };
      } finally {
        await subscription.close();
      }
    },
  };

  return {
    name: 'RedisStreamsPubSub',
    adapter,
    raw,
    close: () =>
      cleanUp('redis streams', [
        () => pubsub.close(),
        () => (streams.length > 0 ? redis.del(...streams) : Promise.resolve()),
        () => redis.quit(),
      ]),
  };
}

/**
 * The entries of an XREADGROUP reply on one stream: RESP2 `[[key, entries]]`, or ioredis's
 * RESP3 default mapping `[key, entries]`; `null` when the read timed out.
 */
function readEntries(reply: unknown): [string, string[]][] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const streamReply: unknown = typeof reply[0] === 'string' ? reply : reply[0];
  if (!Array.isArray(streamReply)) throw new TypeError('unexpected XREADGROUP reply');
  const entries: unknown = streamReply[1];
  if (!Array.isArray(entries)) throw new TypeError('unexpected XREADGROUP entries');
  return entries as [string, string[]][];
}

/** The same work as the adapter's consumer: the entry decoded into a validated envelope. */
function isBenchEnvelope(envelopeJson: string): boolean {
  return deserializeEnvelope(envelopeJson).type === BENCH_EVENT_TYPE;
}

/** What a raw reader does at the least: parse the JSON and check the event type. */
function isBenchJson(envelopeJson: string): boolean {
  return (JSON.parse(envelopeJson) as { type?: unknown }).type === BENCH_EVENT_TYPE;
}

function fieldValue(fields: readonly string[], name: string): string {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === name) return fields[i + 1];
  }
  throw new TypeError(`stream entry without a "${name}" field`);
}
