import { deferred } from '../../testing/deferred';
import { HandlerHeartbeat } from './handler.heartbeat';

describe('HandlerHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('heartbeats while a call runs, through failures, and stops after maxMs, saying so once', async () => {
    const work = deferred<string>();
    let beats = 0;
    const overruns: number[] = [];
    const heartbeat = new HandlerHeartbeat(
      async () => {
        beats += 1;
        if (beats === 2) throw new Error('the group is rebalancing');
      },
      { intervalMs: 100, maxMs: 350 },
    );
    const running = heartbeat.run(
      () => work.promise,
      () => overruns.push(beats),
    );
    await jest.advanceTimersByTimeAsync(300);
    expect(beats).toBe(3);
    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(3);
    expect(overruns).toEqual([3]);
    work.resolve('done');
    await expect(running).resolves.toBe('done');
    await heartbeat.stop();
  });

  it('beats only while a call runs, gives the next call its own maxMs, and sets one timer for all calls', async () => {
    let beats = 0;
    const overruns: string[] = [];
    const heartbeat = new HandlerHeartbeat(async () => void (beats += 1), {
      intervalMs: 100,
      maxMs: 250,
    });
    const first = deferred<void>();
    const firstRun = heartbeat.run(
      () => first.promise,
      () => overruns.push('first'),
    );
    await jest.advanceTimersByTimeAsync(400);
    first.resolve();
    await firstRun;
    expect(overruns).toEqual(['first']);
    const beatsAfterFirst = beats;

    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(beatsAfterFirst);

    const second = deferred<void>();
    const secondRun = heartbeat.run(
      () => second.promise,
      () => overruns.push('second'),
    );
    await jest.advanceTimersByTimeAsync(200);
    expect(beats).toBe(beatsAfterFirst + 2);
    expect(jest.getTimerCount()).toBe(1);
    second.resolve();
    await secondRun;
    expect(overruns).toEqual(['first']);

    await heartbeat.stop();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops heartbeating when a call ends, however it ends', async () => {
    let beats = 0;
    const heartbeat = new HandlerHeartbeat(async () => void (beats += 1), {
      intervalMs: 100,
      maxMs: 10_000,
    });
    await expect(
      heartbeat.run(
        () => Promise.reject(new Error('handler failed')),
        () => undefined,
      ),
    ).rejects.toThrow('handler failed');
    await expect(
      heartbeat.run(
        () => {
          throw new Error('thrown synchronously');
        },
        () => undefined,
      ),
    ).rejects.toThrow('thrown synchronously');
    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(0);
    await heartbeat.stop();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('returns only once a beat still in flight has settled, so no request outlives the batch', async () => {
    const work = deferred<string>();
    const beat = deferred<void>();
    let settled = false;
    const heartbeat = new HandlerHeartbeat(() => beat.promise, { intervalMs: 100, maxMs: 10_000 });
    const running = heartbeat
      .run(
        () => work.promise,
        () => undefined,
      )
      .then((result) => {
        settled = true;
        return result;
      });
    await jest.advanceTimersByTimeAsync(100);

    work.resolve('done');
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);

    beat.reject(new Error('the consumer disconnected'));
    await expect(running).resolves.toBe('done');
    await heartbeat.stop();
  });
});
