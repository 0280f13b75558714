import type { GeneratedEvent } from './event.factory';
import type { EventSender, SendOutcome } from './event.sender';
import { DEFAULT_GENERATOR_OPTIONS, type GeneratorOptions, startGenerator } from './generator';
import { VirtualClock } from './testing/virtual-clock';

/** A sender that answers after `latencyMs` virtual ms with `answer(events)`, and keeps what it got. */
class FakeSender implements EventSender {
  readonly requests: GeneratedEvent[][] = [];
  closed = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly latencyMs: number,
    private readonly answer: (events: readonly GeneratedEvent[]) => SendOutcome = (events) => ({
      status: 'accepted',
      accepted: events.length,
      duplicates: 0,
    }),
  ) {}

  async send(events: readonly GeneratedEvent[]): Promise<SendOutcome> {
    this.requests.push([...events]);
    await this.clock.sleep(this.latencyMs);
    return this.answer(events);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

describe('startGenerator', () => {
  let clock: VirtualClock;

  beforeEach(() => {
    clock = new VirtualClock();
  });

  function generate(options: Partial<GeneratorOptions>, sender: EventSender, signal?: AbortSignal) {
    const run = startGenerator(
      { ...DEFAULT_GENERATOR_OPTIONS, seed: '42', ...options },
      { clock, sender, signal, now: () => new Date('2026-11-23T18:30:00Z') },
    );
    return clock.drive(run.done);
  }

  it('sends rate × duration events and reports them all accepted at the target rate', async () => {
    const sender = new FakeSender(clock, 3);

    const report = await generate({ rate: 50, durationSeconds: 2 }, sender);

    expect(sender.requests).toHaveLength(100);
    expect(sender.requests.every((events) => events.length === 1)).toBe(true);
    expect(report).toMatchObject({
      sent: 100,
      accepted: 100,
      rejected: 0,
      failed: 0,
      requests: 100,
      durationSeconds: 2,
      achievedRate: 50,
      belowTarget: false,
      interrupted: false,
      latencyMs: { p50: 3, p99: 3 },
    });
    expect(sender.closed).toBe(true);
  });

  it('sends --batch events a request at the same event rate', async () => {
    const sender = new FakeSender(clock, 3);

    const report = await generate({ rate: 100, batch: 25, durationSeconds: 1 }, sender);

    expect(sender.requests.map((events) => events.length)).toEqual([25, 25, 25, 25]);
    expect(report).toMatchObject({ requests: 4, sent: 100, accepted: 100, achievedRate: 100 });
  });

  it('reports the rate below target when the hub answers slower than the concurrency allows', async () => {
    // 2 in flight, 200 ms each: at most 10 events/s get through of the 50 asked for.
    const report = await generate(
      { rate: 50, durationSeconds: 2, concurrency: 2 },
      new FakeSender(clock, 200),
    );

    // Pairs start at 0, 200, ... 1800 ms; the last pair is answered at 2020 ms.
    expect(report.sent).toBe(20);
    expect(report.achievedRate).toBeCloseTo(20 / 2.02, 5);
    expect(report.belowTarget).toBe(true);
  });

  it('counts rejected and failed events apart from the accepted ones', async () => {
    let request = 0;
    const sender = new FakeSender(clock, 1, (events) => {
      request += 1;
      if (request === 2)
        return {
          status: 'rejected',
          message: 'INVALID_ARGUMENT: events[0].amount: must not be negative',
        };
      if (request === 3)
        return { status: 'failed', message: 'UNAVAILABLE: No connection established' };
      return { status: 'accepted', accepted: events.length, duplicates: 0 };
    });

    const report = await generate({ rate: 20, batch: 5, durationSeconds: 1 }, sender);

    expect(report).toMatchObject({
      sent: 20,
      accepted: 10,
      rejected: 5,
      failed: 5,
      firstRejection: 'INVALID_ARGUMENT: events[0].amount: must not be negative',
      firstFailure: 'UNAVAILABLE: No connection established',
    });
  });

  it('runs until aborted with --duration 0, and reports the requests that were in flight', async () => {
    const controller = new AbortController();
    const sender = new FakeSender(clock, 50);
    const run = startGenerator(
      { ...DEFAULT_GENERATOR_OPTIONS, rate: 10, durationSeconds: 0 },
      { clock, sender, signal: controller.signal },
    );

    await clock.advance(30_000);
    expect(run.stats.snapshot().sent).toBe(300);
    controller.abort();
    const report = await clock.drive(run.done);

    expect(report).toMatchObject({ interrupted: true, sent: 301, accepted: 301 });
    expect(report.durationSeconds).toBeCloseTo(30.1, 5);
  });

  it('sends the same events again for the same seed', async () => {
    const first = new FakeSender(clock, 1);
    const again = new FakeSender(clock, 1);

    await generate({ rate: 10, durationSeconds: 1, seed: 'repeat' }, first);
    await generate({ rate: 10, durationSeconds: 1, seed: 'repeat' }, again);

    expect(again.requests).toEqual(first.requests);
  });

  it('attaches idempotency keys unique to the run when asked', async () => {
    const first = new FakeSender(clock, 1);
    const again = new FakeSender(clock, 1);

    await generate({ rate: 10, durationSeconds: 1, idempotency: true }, first);
    await generate({ rate: 10, durationSeconds: 1, idempotency: true }, again);

    const keys = [...first.requests, ...again.requests].flat().map((e) => e.idempotency_key);
    expect(keys.every((key) => typeof key === 'string')).toBe(true);
    expect(new Set(keys).size).toBe(20);
  });
});
