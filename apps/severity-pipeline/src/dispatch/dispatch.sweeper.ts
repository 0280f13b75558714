import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';
import { EventsService } from '../events/events.service';

const SWEEP_EVERY_MS = 10_000;
/** Younger events are normally on their way already. */
const GRACE_MS = 5_000;

/**
 * Re-enqueues events that were stored but never reached the dispatcher (the queue refused the
 * job, or the process died between the two): at start-up and every 10 s. Job ids make a
 * second enqueue of one event a no-op, so this never routes an event twice.
 */
@Injectable()
export class DispatchSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DispatchSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly events: EventsRepository,
    private readonly service: EventsService,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Starts a pass unless one is still running. */
  private tick(): void {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many events it re-enqueued. */
  async sweep(now = new Date()): Promise<number> {
    let enqueued = 0;
    try {
      const stale = await this.events.findUndispatched(new Date(now.getTime() - GRACE_MS), 500);
      for (const event of stale) {
        await this.service.enqueue(event);
        enqueued++;
      }
      if (enqueued > 0) this.logger.warn(`re-enqueued ${enqueued} undispatched event(s)`);
    } catch (error) {
      this.logger.error(
        `sweep failed, next one in ${SWEEP_EVERY_MS} ms: ${(error as Error).message}`,
      );
    }
    return enqueued;
  }
}
