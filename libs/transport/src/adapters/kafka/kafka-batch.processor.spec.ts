import { toKafkaMessage } from '@app/envelope';
import type { Batch, EachBatchPayload, IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { DeliveryContext, EventHandlerFn } from '../../ports/event-bus.port';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { DeliveryAttempts } from './delivery-attempts';
import { KafkaBatchProcessor, type KafkaBatchProcessorParams } from './kafka-batch.processor';

const TOPIC = 'orders';

interface RawMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** A batch of partition 1 as kafkajs hands it over, by default starting at offset 10. */
function batchOf(messages: readonly RawMessage[], first = 10) {
  const kafkaMessages = messages.map((message, i): KafkaMessage => ({
    ...message,
    offset: String(first + i),
    attributes: 0,
    timestamp: '1000',
  }));
  const log: string[] = [];
  let stale = false;
  const batch: Batch = {
    topic: TOPIC,
    partition: 1,
    highWatermark: String(first + messages.length),
    messages: kafkaMessages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => String(first),
    lastOffset: () => String(first + messages.length - 1),
    offsetLag: () => '0',
    offsetLagLow: () => '0',
  };
  const payload: EachBatchPayload = {
    batch,
    resolveOffset: (offset) => void log.push(`resolve ${offset}`),
    heartbeat: async () => undefined,
    pause: () => {
      log.push('pause');
      return () => log.push('resume');
    },
    commitOffsetsIfNecessary: async () => void log.push('commit?'),
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => true,
    isStale: () => stale,
  };
  return { payload, log, makeStale: () => (stale = true) };
}

const eventMessage = (label: string) => {
  const { key, value, headers } = toKafkaMessage(testEvent({ data: { label } }));
  return { key: Buffer.from(key), value, headers };
};

function processor(handler: EventHandlerFn, overrides: Partial<KafkaBatchProcessorParams> = {}) {
  const calls: string[] = [];
  const delays: number[] = [];
  const published: { topic: string; message: Message }[] = [];
  const params: KafkaBatchProcessorParams = {
    topic: TOPIC,
    group: 'billing',
    handler,
    signal: new AbortController().signal,
    attempts: new DeliveryAttempts(),
    seek: (partition, offset) => void calls.push(`seek ${partition}@${offset}`),
    resumeLater: (delayMs, resume) => {
      delays.push(delayMs);
      resume();
    },
    publishRaw: async (topic, message) => void published.push({ topic, message }),
    settings: {
      redeliveryDelayMs: (attempt) => attempt * 100,
      heartbeatInterval: 1000,
      rebalanceTimeout: 60_000,
      logger: silentLogger,
    },
    ...overrides,
  };
  return { processor: new KafkaBatchProcessor(params), params, calls, delays, published };
}

describe('KafkaBatchProcessor', () => {
  it('resolves and commits each handled event, in order, with its delivery context', async () => {
    const contexts: DeliveryContext[] = [];
    const { processor: p } = processor(async (_event, context) => void contexts.push(context));
    const { payload, log } = batchOf([eventMessage('a'), eventMessage('b')]);
    await p.process(payload);
    expect(log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'commit?']);
    expect(
      contexts.map(({ offset, partition, attempt, topic, group }) => ({
        offset,
        partition,
        attempt,
        topic,
        group,
      })),
    ).toEqual([
      { offset: '10', partition: 1, attempt: 1, topic: TOPIC, group: 'billing' },
      { offset: '11', partition: 1, attempt: 1, topic: TOPIC, group: 'billing' },
    ]);
  });

  it('on failure seeks back to the event, pauses its partition for the delay and drops the rest of the batch', async () => {
    const seen: string[] = [];
    const {
      processor: p,
      calls,
      delays,
    } = processor(async (event, context) => {
      const { label } = event.data as { label: string };
      seen.push(`${label}#${context.attempt}`);
      if (label === 'b' && context.attempt < 3) throw new Error('not yet');
    });
    const [a, b, c] = [eventMessage('a'), eventMessage('b'), eventMessage('c')];
    const first = batchOf([a, b, c]);
    await p.process(first.payload);
    expect(first.log).toEqual(['resolve 10', 'commit?', 'pause', 'resume']);
    // What kafkajs fetches after each seek: from the failed event on.
    const second = batchOf([b, c], 11);
    await p.process(second.payload);
    expect(second.log).toEqual(['pause', 'resume']);
    const third = batchOf([b, c], 11);
    await p.process(third.payload);
    expect(third.log).toEqual(['resolve 11', 'commit?', 'resolve 12', 'commit?']);
    expect(calls).toEqual(['seek 1@11', 'seek 1@11']);
    expect(delays).toEqual([100, 200]);
    expect(seen).toEqual(['a#1', 'b#1', 'b#2', 'b#3', 'c#1']);
  });

  it('leaves a failed event unresolved and unsought while closing, for the next member', async () => {
    const closing = new AbortController();
    const { processor: p, calls } = processor(
      async () => {
        closing.abort();
        throw new Error('aborted');
      },
      { signal: closing.signal },
    );
    const { payload, log } = batchOf([eventMessage('a'), eventMessage('b')]);
    await p.process(payload);
    expect(log).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('stops at a stale batch (a seek is pending) and when the subscription closes', async () => {
    const closing = new AbortController();
    let handled = 0;
    const { processor: p } = processor(
      async () => {
        handled += 1;
        if (handled === 2) closing.abort();
      },
      { signal: closing.signal },
    );
    const stale = batchOf([eventMessage('a'), eventMessage('b')]);
    stale.makeStale();
    await p.process(stale.payload);
    expect(handled).toBe(0);

    const { payload, log } = batchOf([eventMessage('a'), eventMessage('b'), eventMessage('c')]);
    await p.process(payload);
    // The running handler's event is still acknowledged; nothing after it starts.
    expect(handled).toBe(2);
    expect(log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'commit?']);
  });

  it('dead-letters a message that is no CloudEvent, raw, then goes on', async () => {
    const handled: string[] = [];
    const { processor: p, published } = processor(
      async (event) => void handled.push((event.data as { label: string }).label),
    );
    const poison = { key: Buffer.from('k'), value: Buffer.from('plain text'), headers: {} };
    const { payload, log } = batchOf([poison, eventMessage('after')]);
    await p.process(payload);
    expect(handled).toEqual(['after']);
    expect(log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'commit?']);
    expect(published).toHaveLength(1);
    expect(published[0].topic).toBe('orders.dlq');
    expect(published[0].message.value).toEqual(Buffer.from('plain text'));
    expect(published[0].message.headers).toMatchObject({ ce_dlqoffset: '10', ce_dlqtopic: TOPIC });
  });

  it('redelivers a poison message whose dead-lettering failed, so it is never lost', async () => {
    let failPublish = true;
    const { processor: p, calls } = processor(async () => undefined, {
      publishRaw: async () => {
        if (failPublish) throw new Error('dlq down');
      },
    });
    const poison = { key: null, value: Buffer.from('plain text'), headers: {} };
    const first = batchOf([poison, eventMessage('after')]);
    await p.process(first.payload);
    expect(first.log).toEqual(['pause', 'resume']);
    expect(calls).toEqual(['seek 1@10']);
    failPublish = false;
    const second = batchOf([poison, eventMessage('after')]);
    await p.process(second.payload);
    expect(second.log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'commit?']);
  });

  it('skips (and keeps) an undecodable message of a dead-letter topic: no .dlq.dlq', async () => {
    const errors: string[] = [];
    const { processor: p, published } = processor(async () => undefined, {
      topic: 'orders.dlq',
      settings: {
        redeliveryDelayMs: () => 0,
        heartbeatInterval: 1000,
        rebalanceTimeout: 60_000,
        logger: { warn: () => undefined, error: (m) => errors.push(m) },
      },
    });
    const { payload, log } = batchOf([{ key: null, value: Buffer.from('x'), headers: {} }]);
    await p.process(payload);
    expect(published).toEqual([]);
    expect(log).toEqual(['resolve 10', 'commit?']);
    expect(errors[0]).toMatch(/skipping a message that is no valid event/);
  });
});
