import { setTimeout as wait } from 'node:timers/promises';

/** Time as the generator sees it, so tests can run a schedule without really waiting. */
export interface Clock {
  /** Milliseconds on a steady scale (not wall time: it never jumps back). */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  // An aborted wait rejects with AbortError; to the caller it is simply over.
  sleep: (ms, signal) => wait(ms, undefined, { signal }).catch(() => undefined),
};
