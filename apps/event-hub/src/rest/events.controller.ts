import { InputValidationError } from '@app/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { WritesEvents } from '../auth/writes-events.decorator';
import { EventHubConfig } from '../event-hub.config';
import { checkEvent, checkEventBatch } from '../events/event-batch.check';
import { EVENT_INGEST, type EventIngest } from '../events/event-ingest.port';
import { EVENT_STORE, type EventStore } from '../events/event.store';
import {
  type BatchAccepted,
  type EventAccepted,
  type EventsPage,
  toEventView,
} from './event.responses';
import {
  ApiWritesEvents,
  BatchAcceptedDoc,
  EventAcceptedDoc,
  EventBatchDoc,
  EventInputDoc,
  EventsPageDoc,
  InvalidInputDoc,
  ref,
  SEED_EVENT,
} from './events.openapi';
import { LatestEventsQuery } from './latest-events.query';

/**
 * The seed's REST API: `POST /events`, plus batches and a read of the latest events. Bodies
 * are checked with the rules every protocol shares (`@Body()` is `unknown` on purpose: the
 * app's ValidationPipe leaves it alone, and checkEvent reports unknown fields as well), then
 * handed to the ingest, which answers once they are durably in the stream.
 */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    @Inject(EVENT_INGEST) private readonly ingest: EventIngest,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: EventHubConfig,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @WritesEvents()
  @ApiOperation({ summary: 'Send one event' })
  @ApiBody({
    schema: ref(EventInputDoc),
    examples: {
      seed: { summary: "The seed's curl body", value: SEED_EVENT },
      retriable: {
        summary: 'With an idempotency key, safe to retry',
        value: { ...SEED_EVENT, idempotency_key: 'order-42' },
      },
    },
  })
  @ApiWritesEvents(EventAcceptedDoc)
  async send(@Body() body: unknown): Promise<EventAccepted> {
    const input = await checkEvent(body);
    const [{ id, duplicate }] = await this.ingest.ingest([input]);
    return { id, duplicate };
  }

  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  @WritesEvents()
  @ApiOperation({
    summary: 'Send a batch of events, all or nothing',
    description:
      'The body is `{"events": [...]}` or a bare JSON array of events, at most MAX_BATCH_EVENTS (1000 by default) of them. Every event is checked first: one bad event refuses the batch with each bad field named by its index (`events[3].amount`), and nothing is ingested.',
  })
  @ApiBody({
    schema: { oneOf: [ref(EventBatchDoc), { type: 'array', items: ref(EventInputDoc) }] },
    examples: {
      envelope: {
        summary: 'Two events',
        value: { events: [SEED_EVENT, { ...SEED_EVENT, event_type: 'refund', amount: 20 }] },
      },
      array: { summary: 'The same as a bare array', value: [SEED_EVENT] },
    },
  })
  @ApiWritesEvents(BatchAcceptedDoc)
  async sendBatch(@Body() body: unknown): Promise<BatchAccepted> {
    const inputs = await checkEventBatch(batchItems(body), {
      maxEvents: this.config.MAX_BATCH_EVENTS,
    });
    const results = inputs.length > 0 ? await this.ingest.ingest(inputs) : [];
    return {
      accepted: results.length,
      ids: results.map(({ id }) => id),
      duplicates: results.filter(({ duplicate }) => duplicate).length,
    };
  }

  @Get()
  @ApiOperation({ summary: 'The latest stored events, newest first, optionally filtered' })
  @ApiOkResponse({ type: EventsPageDoc, description: 'The latest events matching the query.' })
  @ApiBadRequestResponse({ type: InvalidInputDoc, description: 'A bad query parameter.' })
  async latest(@Query() query: LatestEventsQuery): Promise<EventsPage> {
    const events = await this.store.latest(query.limit, query.filter());
    return { events: events.map(toEventView) };
  }
}

/** A batch body: `{ "events": [...] }`, or the bare array for clients that send one. */
function batchItems(body: unknown): readonly unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) {
    throw InputValidationError.of('(body)', 'must be {"events": [...]} or a JSON array of events');
  }
  const { events, ...others } = body as Record<string, unknown>;
  const unknown = Object.keys(others).map((field) => ({ field, reason: 'should not exist' }));
  if (unknown.length > 0) throw new InputValidationError(unknown);
  if (!Array.isArray(events)) throw InputValidationError.of('events', 'must be an array of events');
  return events;
}
