import { runOnSchedule, type ScheduleOptions } from './rate.scheduler';
import { VirtualClock } from './testing/virtual-clock';

describe('runOnSchedule', () => {
  let clock: VirtualClock;
  /** When each request started, by the virtual clock. */
  let starts: number[];
  let inFlight: number;
  let mostInFlight: number;

  beforeEach(() => {
    clock = new VirtualClock();
    starts = [];
    inFlight = 0;
    mostInFlight = 0;
  });

  /** A send that takes `takes(n)` virtual ms for request n. */
  function sendTaking(takes: (request: number) => number) {
    return async (request: number) => {
      starts.push(clock.now());
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await clock.sleep(takes(request));
      inFlight -= 1;
    };
  }

  function run(
    options: Partial<ScheduleOptions>,
    send = sendTaking(() => 5),
    signal?: AbortSignal,
  ) {
    const schedule = { rate: 10, batch: 1, concurrency: 8, durationMs: 1000, ...options };
    return clock.drive(runOnSchedule(schedule, clock, send, signal));
  }

  it('starts request n at n / rate seconds from the start, for the whole duration', async () => {
    const result = await run({ rate: 10, durationMs: 1000 });

    expect(starts).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(result).toEqual({ requests: 10, startedAt: 0, endedAt: 905, scheduledMs: 1000 });
  });

  it('never starts more requests than the window holds, whatever the clock reads at the start', async () => {
    // (65303.604426680286 + 1000) - 65303.604426680286 is 999.99... in floating point.
    clock = new VirtualClock(65303.604426680286);

    const result = await run({ rate: 50, batch: 10, durationMs: 1000 });

    expect(result.requests).toBe(5);
  });

  it('sends batches at rate / batch requests a second', async () => {
    const result = await run({ rate: 100, batch: 25, durationMs: 1000 });

    expect(starts).toEqual([0, 250, 500, 750]);
    expect(result.requests * 25).toBe(100);
  });

  it('does not drift when each request takes part of its interval', async () => {
    // Sleeping 100 ms after each 60 ms request would start them at 0, 160, 320, ...
    await run(
      { rate: 10, concurrency: 1, durationMs: 500 },
      sendTaking(() => 60),
    );

    expect(starts).toEqual([0, 100, 200, 300, 400]);
  });

  it('catches up after a stall, so the run still sends its share', async () => {
    await run(
      { rate: 10, concurrency: 1, durationMs: 1000 },
      sendTaking((request) => (request === 0 ? 350 : 5)),
    );

    expect(starts).toEqual([0, 350, 355, 360, 400, 500, 600, 700, 800, 900]);
  });

  it('never has more than `concurrency` requests in flight, and sends less when the server lags', async () => {
    const result = await run(
      { rate: 20, concurrency: 2, durationMs: 1000 },
      sendTaking(() => 250),
    );

    expect(mostInFlight).toBe(2);
    expect(starts).toEqual([0, 50, 250, 300, 500, 550, 750, 800]);
    // The window closed while request 8 waited for a slot: it never went out.
    expect(result.requests).toBe(8);
    expect(result.endedAt).toBe(1050);
  });

  it('stops starting requests on abort and resolves once those in flight are done', async () => {
    const controller = new AbortController();
    const send = sendTaking(() => 150);

    const result = await run(
      { rate: 10, durationMs: Infinity },
      async (request) => {
        if (request === 4) controller.abort();
        await send(request);
      },
      controller.signal,
    );

    expect(starts).toEqual([0, 100, 200, 300, 400]);
    expect(result.requests).toBe(5);
    expect(result.endedAt).toBe(550);
  });

  it('wakes from its wait for the next request when aborted', async () => {
    const controller = new AbortController();
    const done = runOnSchedule(
      { rate: 0.1, batch: 1, concurrency: 1, durationMs: Infinity },
      clock,
      sendTaking(() => 0),
      controller.signal,
    );
    await clock.advance(3000);
    controller.abort();

    await expect(clock.drive(done)).resolves.toMatchObject({ requests: 1, endedAt: 3000 });
  });

  it('stops and throws the first error of a send that rejects', async () => {
    const boom = new Error('boom');
    const send = sendTaking(() => 10);

    await expect(
      run({}, async (request) => {
        await send(request);
        if (request === 2) throw boom;
      }),
    ).rejects.toBe(boom);
    expect(starts).toEqual([0, 100, 200]);
  });

  it.each<[string, Partial<ScheduleOptions>]>([
    ['a zero rate', { rate: 0 }],
    ['a negative rate', { rate: -1 }],
    ['empty batches', { batch: 0 }],
    ['no concurrency', { concurrency: 0 }],
    ['a duration that is not a number', { durationMs: Number.NaN }],
  ])('refuses a schedule with %s', async (_, options) => {
    await expect(run(options)).rejects.toThrow(RangeError);
  });
});
