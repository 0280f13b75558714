import type { Clock } from './clock';

export interface ScheduleOptions {
  /** Target events per second. */
  rate: number;
  /** Events per request: requests go out at rate / batch per second. */
  batch: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** No request starts this many ms after the first; Infinity runs until `signal` aborts. */
  durationMs: number;
}

export interface ScheduleResult {
  /** Requests started (and all finished by the time the schedule resolves). */
  requests: number;
  /** The clock's time at the first request, and once the last one had finished. */
  startedAt: number;
  endedAt: number;
  /**
   * The time the started requests were scheduled to take: `requests` slots of one
   * interval each. A run that kept up covers exactly this span.
   */
  scheduledMs: number;
}

/**
 * Starts `send(n)` for request n = 0, 1, ... at `startedAt + n * batch / rate` seconds: each
 * request is due at its own time, computed from the start, so a late one does not push the
 * later ones back (sleeping a fixed time between requests would drift below the rate by the
 * time each send takes). At most `concurrency` requests are in flight: when the server lags,
 * requests wait for a free slot, then go out at once until the schedule is caught up; the
 * rate achieved is what the server allowed. Stops starting requests once `durationMs` has
 * passed or `signal` aborts, and resolves when those in flight have finished.
 *
 * `send` should not reject (report failures as results); if it does, the schedule stops and
 * the first such error is thrown once in-flight requests are done.
 */
export async function runOnSchedule(
  options: ScheduleOptions,
  clock: Clock,
  send: (request: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<ScheduleResult> {
  const { rate, batch, concurrency, durationMs } = options;
  if (!(rate > 0) || !(batch >= 1) || !(concurrency >= 1) || !(durationMs >= 0)) {
    throw new RangeError(`invalid schedule ${JSON.stringify(options)}`);
  }
  const intervalMs = (1000 * batch) / rate;
  const inFlight = new Set<Promise<void>>();
  const aborted = abortion(signal);
  let failure: { error: unknown } | undefined;
  const stopped = () => signal?.aborted === true || failure !== undefined;

  const startedAt = clock.now();
  let requests = 0;
  for (;;) {
    // The offset, not `due - startedAt`: subtracting a large clock reading can round 1000
    // down to 999.99..., which would let one request more than the window holds go out.
    const offset = requests * intervalMs;
    if (offset >= durationMs) break;
    const due = startedAt + offset;
    while (inFlight.size >= concurrency && !stopped()) {
      await Promise.race([...inFlight, aborted]);
    }
    if (stopped()) break;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    // Fell so far behind that the window closed while waiting for a slot: stop, not burst.
    if (stopped() || clock.now() - startedAt >= durationMs) break;

    const request = send(requests).then(
      () => undefined,
      (error: unknown) => void (failure ??= { error }),
    );
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    requests += 1;
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return { requests, startedAt, endedAt: clock.now(), scheduledMs: requests * intervalMs };
}

/** Resolves when `signal` aborts; never, without one. */
function abortion(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
