export interface HandlerHeartbeatSettings {
  /** How often to heartbeat while the handler runs (kafkajs skips beats sent too early). */
  readonly intervalMs: number;
  /** Stop heartbeating once the handler has run this long (the rebalance timeout). */
  readonly maxMs: number;
  /** Called once when the handler outlives `maxMs`. */
  readonly onOverrun: () => void;
}

/**
 * Runs `work` while heartbeating to the group coordinator, as Java's consumer does on its
 * heartbeat thread: kafkajs only heartbeats between events, so a handler longer than the
 * session timeout would otherwise get its member dropped and its event handled twice at once.
 * Like Java's `max.poll.interval.ms`, it stops after `maxMs`: a handler stuck for good must
 * not hold its partition forever.
 */
export async function withHeartbeats<T>(
  work: () => Promise<T>,
  heartbeat: () => Promise<void>,
  settings: HandlerHeartbeatSettings,
): Promise<T> {
  const startedAt = performance.now();
  let stopped = false;
  // The beat in flight, if any: awaited before returning, so that no kafkajs request outlives
  // the batch (a beat still connecting when the consumer disconnects opens a socket that
  // nothing would ever close, and keeps the process alive).
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    if (performance.now() - startedAt >= settings.maxMs) {
      stopped = true;
      clearInterval(timer);
      settings.onOverrun();
      return;
    }
    // Fails while a rebalance waits for us, or on a network blip; both are the batch loop's
    // business once the handler is done. Beating on keeps the session alive meanwhile.
    beating = heartbeat().catch(() => undefined);
  }, settings.intervalMs);
  try {
    return await work();
  } finally {
    stopped = true;
    clearInterval(timer);
    await beating;
  }
}
