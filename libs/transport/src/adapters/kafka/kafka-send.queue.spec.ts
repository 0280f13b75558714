import type { TopicMessages } from 'kafkajs';
import { deferred, type Deferred } from '../../testing/deferred';
import { eventLoopTurns } from '../../testing/wait-for';
import { KafkaSendQueue } from './kafka-send.queue';

/** A fake producer whose requests the test acknowledges or fails one by one. */
function fakeProducer() {
  const requests: { batch: TopicMessages[]; reply: Deferred<void> }[] = [];
  const sendBatch = (batch: TopicMessages[]) => {
    const reply = deferred();
    requests.push({ batch, reply });
    return reply.promise;
  };
  const values = (index: number) =>
    requests[index].batch.map(({ topic, messages }) => [
      topic,
      messages.map((m) => String(m.value)),
    ]);
  return { requests, sendBatch, values };
}

const message = (value: string, size = 0) => ({ key: 'k', value: value.padEnd(size, '.') });

describe('KafkaSendQueue', () => {
  afterEach(() => jest.useRealTimers());

  it('sends publishes of one tick together, and those arriving meanwhile in the next request', async () => {
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 1e6, timeoutMs: 1e4 });
    const first = [queue.send('a', [message('1')]), queue.send('b', [message('2')])];
    const alsoA = queue.send('a', [message('3')]);
    await eventLoopTurns();
    expect(producer.requests).toHaveLength(1);
    expect(producer.values(0)).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);

    const later = [queue.send('a', [message('4')]), queue.send('a', [message('5')])];
    await eventLoopTurns();
    expect(producer.requests).toHaveLength(1); // one request in flight at a time
    producer.requests[0].reply.resolve();
    await Promise.all([...first, alsoA]);
    await eventLoopTurns();
    expect(producer.values(1)).toEqual([['a', ['4', '5']]]);
    producer.requests[1].reply.resolve();
    await Promise.all(later);
  });

  it('caps a request by size, but never splits one publish', async () => {
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 100, timeoutMs: 1e4 });
    const big = queue.send('t', [message('big-1', 80), message('big-2', 80)]);
    const small = queue.send('t', [message('small', 10)]);
    await eventLoopTurns();
    expect(producer.values(0)).toEqual([
      ['t', [expect.stringMatching(/^big-1/), expect.stringMatching(/^big-2/)]],
    ]);
    producer.requests[0].reply.resolve();
    await big;
    await eventLoopTurns();
    expect(producer.values(1)).toEqual([['t', [expect.stringMatching(/^small/)]]]);
    producer.requests[1].reply.resolve();
    await small;
  });

  it('rejects every publish of a failed request, and goes on with the next', async () => {
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 1e6, timeoutMs: 1e4 });
    const failing = [queue.send('t', [message('1')]), queue.send('t', [message('2')])];
    await eventLoopTurns();
    const next = queue.send('t', [message('3')]);
    producer.requests[0].reply.reject(new Error('NOT_ENOUGH_REPLICAS'));
    for (const publish of failing) await expect(publish).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    await eventLoopTurns();
    producer.requests[1].reply.resolve();
    await expect(next).resolves.toBeUndefined();
  });

  it('times out a publish: never sent if still queued, not waited for if in flight', async () => {
    jest.useFakeTimers();
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 1e6, timeoutMs: 1000 });
    const inFlight = queue.send('t', [message('1')]);
    await jest.advanceTimersByTimeAsync(0);
    const queued = queue.send('t', [message('2')]);
    const outcomes = [inFlight, queued].map((p) => p.catch((error: Error) => error.message));
    await jest.advanceTimersByTimeAsync(1000);
    for (const outcome of await Promise.all(outcomes)) {
      expect(outcome).toMatch(/not acknowledged within 1000 ms; it may still be written/);
    }
    const after = queue.send('t', [message('3')]);
    producer.requests[0].reply.resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(producer.values(1)).toEqual([['t', ['3']]]);
    producer.requests[1].reply.resolve();
    await after;
  });

  it('on close rejects what is queued and later publishes, but finishes the request in flight', async () => {
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 1e6, timeoutMs: 1e4 });
    const inFlight = queue.send('t', [message('1')]);
    await eventLoopTurns();
    const queued = queue.send('t', [message('2')]);
    const closing = queue.close(new Error('closed'));
    await expect(queued).rejects.toThrow('closed');
    await expect(queue.send('t', [message('3')])).rejects.toThrow('closed');
    producer.requests[0].reply.resolve();
    await inFlight;
    await closing;
    expect(producer.requests).toHaveLength(1);
  });

  it('resolves an empty publish at once', async () => {
    const producer = fakeProducer();
    const queue = new KafkaSendQueue(producer.sendBatch, { maxRequestBytes: 1e6, timeoutMs: 1e4 });
    await queue.send('t', []);
    await queue.idle();
    expect(producer.requests).toHaveLength(0);
  });
});
