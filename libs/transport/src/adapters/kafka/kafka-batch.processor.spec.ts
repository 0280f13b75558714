import type { Delivery, DeliveryContext } from '../../ports/event-bus.port';
import { batchOf, eventMessage, processor, TOPIC } from './kafka-batch-processor.fixture';
import { ADOPT_HANDLER_NAME } from './poison-message';
import { waitFor } from '../../testing/wait-for';

const labelOf = ({ event }: Delivery) => (event.data as { label: string }).label;

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

  it('tells onPoisonDeadLettered of each poison message it dead-lettered, not of one it could not', async () => {
    const told: string[] = [];
    let failPublish = true;
    const defaults = processor(async () => undefined).params.settings;
    const { processor: p } = processor(async () => undefined, {
      publishRaw: async () => {
        if (failPublish) throw new Error('dlq down');
      },
      settings: { ...defaults, onPoisonDeadLettered: (topic) => void told.push(topic) },
    });
    const poison = { key: null, value: Buffer.from('plain text'), headers: {} };
    await p.process(batchOf([poison]).payload);
    expect(told).toEqual([]);
    failPublish = false;
    await p.process(batchOf([poison]).payload);
    expect(told).toEqual([TOPIC]);
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

  it('handles the next events while a commit is in flight, one commit at a time, and waits for it before returning', async () => {
    const handled: string[] = [];
    const { processor: p } = processor(
      async (event) => void handled.push(labelOf({ event } as Delivery)),
    );
    const { payload, log } = batchOf([eventMessage('a'), eventMessage('b'), eventMessage('c')]);
    let release!: () => void;
    payload.commitOffsetsIfNecessary = () => {
      log.push('commit?');
      return new Promise<void>((resolve) => (release = resolve));
    };
    let returned = false;
    const processing = p.process(payload).then(() => (returned = true));
    await waitFor(() => handled.length === 3);
    expect(log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'resolve 12']);
    expect(returned).toBe(false);
    release();
    await processing;
    expect(returned).toBe(true);
  });

  it('leaves a failed background commit to the commit kafkajs makes after the batch', async () => {
    const { processor: p } = processor(async () => undefined);
    const { payload, log } = batchOf([eventMessage('a'), eventMessage('b')]);
    payload.commitOffsetsIfNecessary = async () => {
      log.push('commit?');
      throw new Error('The coordinator is not aware of this member');
    };
    await expect(p.process(payload)).resolves.toBeUndefined();
    expect(log).toEqual(['resolve 10', 'commit?', 'resolve 11', 'commit?']);
  });
});

describe('KafkaBatchProcessor adopting messages that carry no CloudEvent', () => {
  const bare = (json: string) => ({
    key: Buffer.from('user-7'),
    value: Buffer.from(json),
    headers: { 'trace-id': Buffer.from('abc') },
  });

  it('hands the envelope adopt made of a headerless message to the handler', async () => {
    const seen: Delivery[] = [];
    const { processor: p, published } = processor(
      { batch: async (deliveries) => void seen.push(...deliveries), maxBatchSize: 10 },
      {
        adopt: (message) => ({
          specversion: '1.0',
          id: `bare-${message.partition}-${message.offset}`,
          source: '/legacy',
          type: 'USER_SEEN',
          time: new Date(Number(message.timestamp)).toISOString(),
          datacontenttype: 'application/json',
          data: JSON.parse(message.value?.toString() ?? 'null') as unknown,
          correlationid: `bare-${message.offset}`,
          partitionkey: message.key ?? 'none',
        }),
      },
    );
    const { payload, log } = batchOf([
      bare('{"name": "Test", "source": "users"}'),
      eventMessage('a'),
    ]);
    await p.process(payload);
    expect(published).toEqual([]);
    expect(log).toEqual(['resolve 11', 'commit?']);
    expect(seen[0].event).toMatchObject({
      id: 'bare-1-10',
      data: { name: 'Test', source: 'users' },
      partitionkey: 'user-7',
      time: '1970-01-01T00:00:01.000Z',
    });
    expect(seen[0].context).toMatchObject({ offset: '10', partition: 1, attempt: 1 });
    expect(labelOf(seen[1])).toBe('a');
  });

  it('dead-letters a message adopt throws on, or made no valid envelope of, with that error', async () => {
    const calls: string[] = [];
    const { processor: p, published } = processor(
      {
        batch: async (deliveries) => void calls.push(...deliveries.map(labelOf)),
        maxBatchSize: 10,
      },
      {
        adopt: (message) => {
          const data = JSON.parse(message.value?.toString() ?? '') as { name?: string };
          if (data.name === undefined) throw new TypeError('"name" is required');
          return { id: 'no-specversion-and-more' } as never;
        },
      },
    );
    const { payload, log } = batchOf([bare('{}'), bare('{"name": "x"}'), eventMessage('a')]);
    await p.process(payload);
    expect(calls).toEqual(['a']);
    expect(log).toEqual(['resolve 12', 'commit?']);
    const headers = published.map(({ message }) => message.headers ?? {});
    expect(headers[0]).toMatchObject({
      ce_dlqerror: '"name" is required',
      ce_dlqerrortype: 'TypeError',
      ce_dlqhandler: ADOPT_HANDLER_NAME,
      'trace-id': Buffer.from('abc'),
    });
    expect(headers[1]).toMatchObject({ ce_dlqerrortype: 'EnvelopeValidationError' });
    expect(String(headers[1].ce_dlqerror)).toMatch(/specversion/);
  });

  it('never offers a message with CloudEvents markers: an invalid one stays poison', async () => {
    const adopted: string[] = [];
    const { processor: p, published } = processor(
      { batch: async () => undefined, maxBatchSize: 10 },
      {
        adopt: (message) => {
          adopted.push(message.offset);
          throw new Error('must not be called');
        },
      },
    );
    const withCeHeader = { key: null, value: Buffer.from('{}'), headers: { ce_id: 'x' } };
    const structured = {
      key: null,
      value: Buffer.from('{}'),
      headers: { 'Content-Type': Buffer.from('application/cloudevents+json; charset=utf-8') },
    };
    const { payload } = batchOf([withCeHeader, structured]);
    await p.process(payload);
    expect(adopted).toEqual([]);
    expect(published.map(({ message }) => message.headers?.ce_dlqhandler)).toEqual([
      'KafkaPubSub (decoding)',
      'KafkaPubSub (decoding)',
    ]);
  });
});
