import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import type { EventIngest, IngestedEvent, IngestResult } from './event-ingest.port';
import type { EventInput } from './event.input';
import { eventId } from './stored-event';

/**
 * The ingest of a process without a queue: gives each event its id (`eventId`, as the
 * pipeline does) and hands it to live subscribers at once. Nothing survives a restart; it
 * stands in until the Redis Streams ingest is wired, and keeps the protocol tests free of
 * any service.
 */
@Injectable()
export class InMemoryEventIngest implements EventIngest, OnModuleDestroy {
  private readonly events = new Subject<IngestedEvent>();
  /** Ids of the events that carried an idempotency key (the id is derived from the key). */
  private readonly keyedIds = new Set<string>();

  ingest(inputs: readonly EventInput[]): Promise<IngestResult[]> {
    const results = inputs.map((input) => this.ingestOne(input));
    return Promise.resolve(results);
  }

  live(): Observable<IngestedEvent> {
    return this.events.asObservable();
  }

  /** Ends every live stream, so servers can close their streaming calls on shutdown. */
  onModuleDestroy(): void {
    this.events.complete();
  }

  private ingestOne(input: EventInput): IngestResult {
    const id = eventId(input);
    if (input.idempotency_key !== undefined) {
      if (this.keyedIds.has(id)) return { id, duplicate: true };
      this.keyedIds.add(id);
    }
    const { user_id, event_type, amount, timestamp, idempotency_key } = input;
    this.events.next({ id, user_id, event_type, amount, timestamp, idempotency_key });
    return { id, duplicate: false };
  }
}
