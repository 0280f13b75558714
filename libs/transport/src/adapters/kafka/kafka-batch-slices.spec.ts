import type { Delivery } from '../../ports/event-bus.port';
import { batchOf, eventMessage, processor, TOPIC } from './kafka-batch-processor.fixture';

const labelOf = ({ event }: Delivery) => (event.data as { label: string }).label;

/** Labels of each handler call, e.g. `['a b', 'c']`. */
function batchHandler(calls: string[], fail: (call: string, attempts: number[]) => boolean) {
  return async (deliveries: readonly Delivery[]) => {
    const call = deliveries.map(labelOf).join(' ');
    calls.push(call);
    if (
      fail(
        call,
        deliveries.map((d) => d.context.attempt),
      )
    )
      throw new Error('not yet');
  };
}

describe('KafkaBatchProcessor with batches (subscribeBatch)', () => {
  it('hands a fetched batch over in slices of maxBatchSize, resolving and committing once per slice', async () => {
    const calls: string[] = [];
    const { processor: p } = processor({
      batch: batchHandler(calls, () => false),
      maxBatchSize: 2,
    });
    const { payload, log } = batchOf(['a', 'b', 'c', 'd', 'e'].map(eventMessage));
    await p.process(payload);
    expect(calls).toEqual(['a b', 'c d', 'e']);
    expect(log).toEqual([
      'resolve 11',
      'commit?',
      'resolve 13',
      'commit?',
      'resolve 14',
      'commit?',
    ]);
  });

  it('redelivers a failed slice from its first offset, each event one attempt further on', async () => {
    const calls: string[] = [];
    const attemptsSeen: number[][] = [];
    const {
      processor: p,
      calls: seeks,
      delays,
    } = processor({
      batch: batchHandler(calls, (call, attempts) => {
        attemptsSeen.push(attempts);
        return call.startsWith('c') && attempts[0] < 3;
      }),
      maxBatchSize: 2,
    });
    const messages = ['a', 'b', 'c', 'd', 'e'].map(eventMessage);
    const first = batchOf(messages);
    await p.process(first.payload);
    expect(first.log).toEqual(['resolve 11', 'commit?', 'pause', 'resume']);
    const second = batchOf(messages.slice(2), 12);
    await p.process(second.payload);
    const third = batchOf(messages.slice(2), 12);
    await p.process(third.payload);
    expect(third.log).toEqual(['resolve 13', 'commit?', 'resolve 14', 'commit?']);
    expect(seeks).toEqual(['seek 1@12', 'seek 1@12']);
    expect(delays).toEqual([100, 200]);
    expect(calls).toEqual(['a b', 'c d', 'c d', 'c d', 'e']);
    expect(attemptsSeen.slice(1, 4)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('dead-letters poison before its slice reaches the handler, and only once when the slice is redelivered', async () => {
    const calls: string[] = [];
    let failures = 1;
    const { processor: p, published } = processor({
      batch: async (deliveries) => {
        calls.push(deliveries.map(labelOf).join(' '));
        if (failures-- > 0) throw new Error('database down');
      },
      maxBatchSize: 3,
    });
    const poison = { key: null, value: Buffer.from('plain text'), headers: {} };
    const messages = [eventMessage('a'), poison, eventMessage('b')];
    const first = batchOf(messages);
    await p.process(first.payload);
    expect(first.log).toEqual(['pause', 'resume']);
    const second = batchOf(messages);
    await p.process(second.payload);
    expect(second.log).toEqual(['resolve 12', 'commit?']);
    expect(calls).toEqual(['a b', 'a b']);
    expect(published.map(({ topic, message }) => [topic, message.headers?.ce_dlqoffset])).toEqual([
      [`${TOPIC}.dlq`, '11'],
    ]);
  });

  it('acknowledges a slice of poison only, without calling the handler', async () => {
    const calls: string[] = [];
    const { processor: p, published } = processor({
      batch: batchHandler(calls, () => false),
      maxBatchSize: 2,
    });
    const poison = { key: null, value: Buffer.from('x'), headers: {} };
    const { payload, log } = batchOf([poison, poison, eventMessage('a')]);
    await p.process(payload);
    expect(calls).toEqual(['a']);
    expect(published).toHaveLength(2);
    expect(log).toEqual(['resolve 11', 'commit?', 'resolve 12', 'commit?']);
  });
});
