import type { Clock } from '../clock';

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * A clock whose time moves only when every pending promise has settled and something
 * sleeps: `drive(promise)` then jumps straight to the next timer, so a 10 s schedule runs in
 * milliseconds and a test sees exactly when each request started.
 */
export class VirtualClock implements Clock {
  private timers: Timer[] = [];

  /** `time`: where the clock starts; a real clock's readings are large and fractional. */
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer: Timer = { at: this.time + Math.max(ms, 0), resolve };
      // Stable order: timers due at the same instant fire in the order they were set.
      const index = this.timers.findIndex(({ at }) => at > timer.at);
      this.timers.splice(index === -1 ? this.timers.length : index, 0, timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((pending) => pending !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves time forward by `ms`, firing the timers due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    while (this.timers.length > 0 && this.timers[0].at <= until) {
      this.fireNext();
      await settle();
    }
    this.time = until;
  }

  /**
   * Runs `work` to completion, jumping from timer to timer whenever it waits. Fails rather
   * than hangs when `work` waits for something no timer will ever bring.
   */
  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const finished = work.finally(() => (done = true));
    finished.catch(() => undefined);
    await settle();
    while (!done) {
      if (this.timers.length === 0) {
        throw new Error(`stuck at ${this.time} ms: waiting with no timer set`);
      }
      this.fireNext();
      await settle();
    }
    return finished;
  }

  private fireNext(): void {
    const timer = this.timers.shift()!;
    this.time = timer.at;
    timer.resolve();
  }
}

/** Lets every promise that can settle now settle (the microtask queue runs before setImmediate). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
