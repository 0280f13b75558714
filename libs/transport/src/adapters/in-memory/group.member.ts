import type { EventHandlerFn } from '../../ports/event-bus.port';
import { WorkSlots } from './work.slots';

/** One subscription's side of a consumer group: its handler and what it is running now. */
export class GroupMember {
  readonly slots: WorkSlots;
  private readonly stopping = new AbortController();

  constructor(
    readonly handler: EventHandlerFn,
    concurrency: number,
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
