import type { SendOutcome } from './event.sender';
import { LatencyHistogram } from './latency.histogram';

/** Events by what became of them; `sent` is every event whose request has finished. */
export interface RunCounts {
  requests: number;
  sent: number;
  accepted: number;
  /** Accepted, but the hub had seen their idempotency key already. */
  duplicates: number;
  rejected: number;
  failed: number;
}

/** What a run has achieved so far: read for the progress line, then for the report. */
export class RunStats {
  readonly latency = new LatencyHistogram();
  /** The first message of each kind: the one to fix first (later ones usually repeat it). */
  firstRejection: string | null = null;
  firstFailure: string | null = null;
  private readonly counts: RunCounts = {
    requests: 0,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failed: 0,
  };

  /** One finished request that carried `events` events and took `latencyMs`. */
  record(outcome: SendOutcome, events: number, latencyMs: number): void {
    this.counts.requests += 1;
    this.counts.sent += events;
    this.latency.record(latencyMs);
    switch (outcome.status) {
      case 'accepted':
        this.counts.accepted += outcome.accepted;
        this.counts.duplicates += outcome.duplicates;
        return;
      case 'rejected':
        this.counts.rejected += events;
        this.firstRejection ??= outcome.message;
        return;
      case 'failed':
        this.counts.failed += events;
        this.firstFailure ??= outcome.message;
        return;
    }
  }

  snapshot(): RunCounts {
    return { ...this.counts };
  }
}
