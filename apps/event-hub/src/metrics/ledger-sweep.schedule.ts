/** How often a store deletes the ids its ledger no longer needs to remember. */
export const LEDGER_SWEEP_INTERVAL_MS = 60_000;

/**
 * When a store sweeps its ledger of counted ids: on the first `record` (which clears what
 * expired while no process ran) and then at most once a minute, so a busy consumer pays for
 * one delete a minute, not one a batch. Per process: two processes may both sweep, which
 * deletes nothing twice.
 */
export class LedgerSweepSchedule {
  private next = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs = LEDGER_SWEEP_INTERVAL_MS) {}

  /** True when a sweep is due at `now`; the next one is then due an interval later. */
  due(now: Date): boolean {
    if (now.getTime() < this.next) return false;
    this.next = now.getTime() + this.intervalMs;
    return true;
  }
}
