export interface WaitForOptions {
  /** Give up after this long (default 5 s). */
  readonly timeoutMs?: number;
  /** Pause between checks (default 2 ms). */
  readonly intervalMs?: number;
  /** Says what was awaited, for the timeout error. */
  readonly message?: string;
}

/**
 * Resolves as soon as `predicate` holds, checking repeatedly; rejects after `timeoutMs`.
 * Tests wait for an outcome this way, never with a fixed sleep: fast when the outcome comes
 * early, and a real broker's slowness only costs time, not a flaky failure.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 2;
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) {
      throw new Error(
        `waitFor: timed out after ${timeoutMs} ms${options.message ? `: ${options.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Lets `turns` rounds of the event loop run. Used only to give something that must *not*
 * happen (a premature close) every chance to happen; correctness never depends on it.
 */
export async function eventLoopTurns(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
