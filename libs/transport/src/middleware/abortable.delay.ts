/**
 * Waits `ms`, or less if `signal` aborts first. Resolves `true` when the full wait elapsed and
 * `false` when it was cut short, so a retry loop can give up at once on shutdown instead of
 * holding a graceful close for a whole backoff.
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
