import type { EventBatchHandlerFn } from '../../ports/event-bus.port';
import { WorkSlots } from './work.slots';

/**
 * One subscription's side of a consumer group: its handler, how many events it takes per
 * call (1 for a per-event `subscribe`) and what it is running now.
 */
export class GroupMember {
  readonly slots: WorkSlots;
  private readonly stopping = new AbortController();

  constructor(
    readonly handler: EventBatchHandlerFn,
    concurrency: number,
    readonly maxBatchSize: number,
  ) {
    this.slots = new WorkSlots(concurrency);
  }

  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  stop(): void {
    this.stopping.abort();
  }
}
