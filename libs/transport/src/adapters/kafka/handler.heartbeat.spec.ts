import { deferred } from '../../testing/deferred';
import { withHeartbeats } from './handler.heartbeat';

describe('withHeartbeats', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('heartbeats while the work runs, through failures, and stops after maxMs, saying so once', async () => {
    const work = deferred<string>();
    let beats = 0;
    const overruns: number[] = [];
    const running = withHeartbeats(
      () => work.promise,
      async () => {
        beats += 1;
        if (beats === 2) throw new Error('the group is rebalancing');
      },
      { intervalMs: 100, maxMs: 350, onOverrun: () => overruns.push(beats) },
    );
    await jest.advanceTimersByTimeAsync(300);
    expect(beats).toBe(3);
    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(3);
    expect(overruns).toEqual([3]);
    work.resolve('done');
    await expect(running).resolves.toBe('done');
  });

  it('stops heartbeating when the work ends, however it ends', async () => {
    let beats = 0;
    const failing = withHeartbeats(
      () => Promise.reject(new Error('handler failed')),
      async () => void (beats += 1),
      { intervalMs: 100, maxMs: 10_000, onOverrun: () => undefined },
    );
    await expect(failing).rejects.toThrow('handler failed');
    await expect(
      withHeartbeats(
        () => {
          throw new Error('thrown synchronously');
        },
        async () => void (beats += 1),
        { intervalMs: 100, maxMs: 10_000, onOverrun: () => undefined },
      ),
    ).rejects.toThrow('thrown synchronously');
    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('returns only once a beat still in flight has settled, so no request outlives the batch', async () => {
    const work = deferred<string>();
    const beat = deferred<void>();
    let settled = false;
    const running = withHeartbeats(
      () => work.promise,
      () => beat.promise,
      {
        intervalMs: 100,
        maxMs: 10_000,
        onOverrun: () => undefined,
      },
    ).then((result) => {
      settled = true;
      return result;
    });
    await jest.advanceTimersByTimeAsync(100);

    work.resolve('done');
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);

    beat.reject(new Error('the consumer disconnected'));
    await expect(running).resolves.toBe('done');
  });
});
