import {
  EventFactory,
  type GeneratedEvent,
} from '../../apps/event-hub/src/generator/event.factory';
import { seededRandom } from '../../apps/event-hub/src/generator/random';

/** Users in the generator's pool, as the event generator's default run has them. */
const USERS = 1000;
/** Distinct bodies the load cycles through: enough variety, made once, outside the timing. */
const SINGLE_BODIES = 4096;
const BATCH_BODIES = 16;

/**
 * The load's events, made up front by the event generator's own factory (realistic types,
 * amounts and users; no idempotency key, as the seed's generator sends them), so the load
 * generator spends its CPU on sending rather than on making events. Timestamps are the time
 * the pool was made: a few seconds to a minute old when sent, like events from a queue.
 */
export class EventPool {
  private constructor(
    /** `POST /events` bodies, one event each. */
    readonly singleBodies: readonly Buffer[],
    /** `POST /events/batch` bodies, `{"events": [...]}` of `batchSize` events each. */
    readonly batchBodies: readonly Buffer[],
    /** `SendEvents` streams, `batchSize` messages each. */
    readonly streams: readonly (readonly GeneratedEvent[])[],
    readonly batchSize: number,
  ) {}

  static make(batchSize: number, seed = 'event-hub-bench'): EventPool {
    const factory = new EventFactory({ users: USERS, random: seededRandom(seed) });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    const single = factory.take(SINGLE_BODIES).map(json);
    const streams = Array.from({ length: BATCH_BODIES }, () => factory.take(batchSize));
    const batches = streams.map((events) => json({ events }));
    return new EventPool(single, batches, streams, batchSize);
  }
}
