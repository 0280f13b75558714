import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while an event (or a job) is handled carries. */
export interface EventLogFields {
  readonly eventId?: string;
  readonly eventType?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly topic?: string;
  readonly group?: string;
  /** Events of the batch being handled, for a batch handler's lines. */
  readonly batchSize?: number;
  readonly queue?: string;
  readonly jobId?: string;
}

const storage = new AsyncLocalStorage<EventLogFields>();

/**
 * Runs `work` with `fields` on every log line it writes, through awaits and callbacks, as
 * pino's `mixin` reads them (see `pinoOptions`). The transport sets them around every
 * handler call; a batch handler may narrow them to one event of its batch.
 */
export function withEventLogContext<T>(fields: EventLogFields, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the event being handled here, or none. */
export function eventLogFields(): EventLogFields {
  return storage.getStore() ?? {};
}

/** The log fields of one event envelope. */
export function fieldsOfEvent(event: {
  readonly id: string;
  readonly type: string;
  readonly correlationid?: string;
  readonly causationid?: string;
}): EventLogFields {
  return {
    eventId: event.id,
    eventType: event.type,
    correlationId: event.correlationid,
    causationId: event.causationid,
  };
}
