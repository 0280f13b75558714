import { InputValidationError, validateInput } from '@app/platform';
import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import { Controller, Inject, type OnModuleDestroy, UseFilters } from '@nestjs/common';
import { GrpcMethod, GrpcStreamMethod } from '@nestjs/microservices';
// Observable as a type only: a parameter typed with the class would be "validated" as a DTO by
// the app's global ValidationPipe (and refused for its `source` property).
import type { Observable } from 'rxjs';
import { concatMap, defer, EMPTY, filter, map, merge, Subject, takeUntil, toArray } from 'rxjs';
import { WritesEvents } from '../auth/writes-events.decorator';
import { EventHubConfig } from '../event-hub.config';
import { checkEventBatch } from '../events/event-batch.check';
import { EVENT_INGEST, type EventIngest, type IngestedEvent } from '../events/event-ingest.port';
import { EventInput } from '../events/event.input';
import { EVENT_TYPES } from '../events/event.rules';
import type {
  EventInputMessage,
  EventMessage,
  SendEventReply,
  SendEventsReply,
  StreamEventsRequest,
} from './event-hub.messages';
import { GrpcErrorFilter } from './grpc-error.filter';
import { EVENT_HUB_SERVICE } from './grpc.options';

/**
 * The `EventHub` gRPC service (`proto/event_hub.proto`): checks messages with `EventInput`,
 * the rules every protocol shares, and hands them to the ingest port. Thin on purpose.
 */
@Controller()
@UseFilters(GrpcErrorFilter)
export class EventHubGrpcController implements OnModuleDestroy {
  /** Ends open `StreamEvents` calls on shutdown, so the server can close gracefully. */
  private readonly closing = new Subject<void>();

  constructor(
    @Inject(EVENT_INGEST) private readonly ingest: EventIngest,
    private readonly config: EventHubConfig,
  ) {}

  @GrpcMethod(EVENT_HUB_SERVICE, 'SendEvent')
  @WritesEvents()
  async sendEvent(message: EventInputMessage): Promise<SendEventReply> {
    const input = await validateInput(EventInput, fromMessage(message));
    const [result] = await this.ingest.ingest([input]);
    return { id: result.id, duplicate: result.duplicate };
  }

  /**
   * All or nothing: the whole stream is checked once it ends, then ingested as one batch.
   * Returns an Observable, not a promise: Nest hands the handler the messages only once it
   * has returned, so awaiting them here would wait forever.
   */
  @GrpcStreamMethod(EVENT_HUB_SERVICE, 'SendEvents')
  @WritesEvents()
  sendEvents(messages: Observable<EventInputMessage>): Observable<SendEventsReply> {
    const max = this.config.GRPC_MAX_STREAM_EVENTS;
    return messages.pipe(
      // Fails the call as soon as the stream is too long, rather than holding all of it.
      map((message, index) => {
        if (index < max) return message;
        throw InputValidationError.of('events', `must be at most ${max} messages a stream`);
      }),
      toArray(),
      concatMap((received) => this.ingestAll(received)),
    );
  }

  private async ingestAll(messages: readonly EventInputMessage[]): Promise<SendEventsReply> {
    const inputs = await checkEventBatch(messages.map(fromMessage));
    const results = inputs.length > 0 ? await this.ingest.ingest(inputs) : [];
    return {
      accepted: results.length,
      ids: results.map(({ id }) => id),
      duplicates: results.filter(({ duplicate }) => duplicate).length,
    };
  }

  /**
   * Live events from now on. Response headers go out once the subscription is live, so a
   * client that waits for them misses nothing ingested afterwards.
   */
  @GrpcMethod(EVENT_HUB_SERVICE, 'StreamEvents')
  streamEvents(
    request: StreamEventsRequest,
    _metadata: Metadata,
    call: ServerWritableStream<StreamEventsRequest, EventMessage>,
  ): Observable<EventMessage> {
    const { event_type: eventType, user_id: userId } = request;
    if (eventType && !(EVENT_TYPES as readonly string[]).includes(eventType)) {
      throw InputValidationError.of('event_type', `must be one of: ${EVENT_TYPES.join(', ')}`);
    }
    const events = this.ingest.live().pipe(
      filter(
        (event) =>
          (!eventType || event.event_type === eventType) && (!userId || event.user_id === userId),
      ),
      map(toMessage),
      takeUntil(this.closing),
    );
    // merge subscribes in order: the headers go out once the live subscription exists.
    const headersOnceLive = defer(() => {
      call.sendMetadata(new Metadata());
      return EMPTY;
    });
    return merge(events, headersOnceLive);
  }

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }
}

/** proto3 has no "unset" for strings: an empty idempotency key means none. */
function fromMessage(message: EventInputMessage): Record<string, unknown> {
  const { idempotency_key: key, ...rest } = message;
  return key ? { ...rest, idempotency_key: key } : rest;
}

function toMessage(event: IngestedEvent): EventMessage {
  return {
    id: event.id,
    user_id: event.user_id,
    event_type: event.event_type,
    amount: event.amount,
    timestamp: event.timestamp,
    idempotency_key: event.idempotency_key ?? '',
  };
}
