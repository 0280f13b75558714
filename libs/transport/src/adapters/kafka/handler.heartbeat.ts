export interface HandlerHeartbeatSettings {
  /** How often to heartbeat while a handler runs (kafkajs skips beats sent too early). */
  readonly intervalMs: number;
  /** Stop heartbeating once one handler call has run this long (the rebalance timeout). */
  readonly maxMs: number;
}

/**
 * Heartbeats to the group coordinator while the handler runs, as Java's consumer does on its
 * heartbeat thread: kafkajs only heartbeats between events, so a handler longer than the
 * session timeout would otherwise get its member dropped and its event handled twice at once.
 * Like Java's `max.poll.interval.ms`, it stops for a call that outlives `maxMs`: a handler
 * stuck for good must not hold its partition forever.
 *
 * One per fetched batch of a partition, whose handler calls run one after the other: its
 * timer starts with the first call and lives until `stop`, so a batch of thousands of quick
 * calls sets one timer, not one per call (that was ~4% of a consumer's CPU).
 */
export class HandlerHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  /** When the running call started; undefined between calls. */
  private runningSince: number | undefined;
  private overrun = false;
  private onOverrun: () => void = () => undefined;
  /**
   * The beat in flight, if any: awaited before a call returns and by `stop`, so that no
   * kafkajs request outlives the batch (a beat still connecting when the consumer disconnects
   * opens a socket that nothing would ever close, and keeps the process alive).
   */
  private beating: Promise<void> | undefined;

  constructor(
    private readonly heartbeat: () => Promise<void>,
    private readonly settings: HandlerHeartbeatSettings,
  ) {}

  /** Runs one handler call; `onOverrun` is called once if it outlives `maxMs`. */
  async run<T>(work: () => Promise<T>, onOverrun: () => void): Promise<T> {
    this.timer ??= setInterval(() => this.beat(), this.settings.intervalMs);
    this.runningSince = performance.now();
    this.overrun = false;
    this.onOverrun = onOverrun;
    try {
      return await work();
    } finally {
      this.runningSince = undefined;
      // Awaited only when there is one: most calls see no beat, and an await each is costly.
      if (this.beating !== undefined) await this.beating;
    }
  }

  /** Ends the batch: no more beats, and none left in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.beating !== undefined) await this.beating;
  }

  private beat(): void {
    if (this.runningSince === undefined || this.overrun) return;
    if (performance.now() - this.runningSince >= this.settings.maxMs) {
      this.overrun = true;
      this.onOverrun();
      return;
    }
    // Fails while a rebalance waits for us, or on a network blip; both are the batch loop's
    // business once the handler is done. Beating on keeps the session alive meanwhile.
    const beat: Promise<void> = this.heartbeat().then(
      () => this.settle(beat),
      () => this.settle(beat),
    );
    this.beating = beat;
  }

  private settle(beat: Promise<void>): void {
    if (this.beating === beat) this.beating = undefined;
  }
}
