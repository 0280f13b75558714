import {
  assertEventType,
  assertTopicName,
  createEnvelope,
  type EventEnvelope,
  EventNameError,
} from '@app/envelope';
import { InputValidationError, validateInput } from '@app/platform';
import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { EventRouter } from '@app/transport/routing';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EVENT_VALUE_RULES, SeedEventValue } from './event-value';

/** CloudEvents `source` of every event this app produces. */
export const HANDLER_ROUTER_SOURCE = '/handler-router';

export interface EmitOptions {
  /**
   * Partition key: events with one key are consumed in the order they were published. By
   * default the aggregate the value is about: `data.roleId` when present (a claim's events
   * belong to its role's stream), else `data.id`, else the event's own id.
   */
  readonly key?: string;
  /** The event id; a random UUID by default. */
  readonly id?: string;
}

/**
 * The seed's producer helper, `emit(topic, event, value)`, with the checks a producer must
 * pass before anything reaches the bus: the names follow the naming rules, a handler is
 * registered for the (topic, event), and the value has the seed's `{ userId, data }` shape
 * (with the fields its handler needs). An event that would only be dead-lettered by the
 * router is refused here instead, with an `InputValidationError` naming the field (`topic`,
 * `event`, `value.<path>`), so an HTTP caller gets a 400 and nothing is published.
 */
@Injectable()
export class EventProducer {
  private router?: EventRouter;

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Checks and publishes one event; resolves with it once the bus has accepted it. */
  async emit(
    topic: string,
    event: string,
    value: unknown,
    options: EmitOptions = {},
  ): Promise<EventEnvelope> {
    const envelope = await this.prepare(topic, event, value, options);
    await this.publish(topic, envelope);
    return envelope;
  }

  /** Publishes an event `prepare` made; rejects when the bus did not accept it. */
  publish(topic: string, envelope: EventEnvelope): Promise<void> {
    return this.publisher.publish(topic, envelope);
  }

  /**
   * The checked CloudEvent `emit` would publish, without publishing it: for a caller that
   * stores it first (the admin API's outbox, in the transaction of its state change).
   */
  async prepare(
    topic: string,
    event: string,
    value: unknown,
    options: EmitOptions = {},
  ): Promise<EventEnvelope> {
    checkName('topic', topic, assertTopicName);
    checkName('event', event, assertEventType);
    this.checkRegistered(topic, event);
    await checkValue(event, value);
    const key = options.key ?? defaultKey(value as SeedEventValue);
    return createEnvelope({
      id: options.id,
      type: event,
      source: HANDLER_ROUTER_SOURCE,
      subject: key,
      partitionKey: key,
      data: value,
    });
  }

  private checkRegistered(topic: string, event: string): void {
    // The router lives in EventRouterModule; it lists its handlers once they are discovered.
    this.router ??= this.moduleRef.get(EventRouter, { strict: false });
    const registrations = this.router.registrations();
    const topics = [...new Set(registrations.map((registration) => registration.topic))];
    if (!topics.includes(topic)) {
      throw InputValidationError.of(
        'topic',
        `"${topic}" has no handlers; must be one of: ${topics.join(', ')}`,
      );
    }
    const events = registrations.filter((r) => r.topic === topic).map((r) => r.type);
    if (!events.includes(event)) {
      throw InputValidationError.of(
        'event',
        `"${event}" has no handler on ${topic}; must be one of: ${events.join(', ')}`,
      );
    }
  }
}

function checkName(field: 'topic' | 'event', name: string, assert: (name: unknown) => void): void {
  try {
    assert(name);
  } catch (error) {
    if (!(error instanceof EventNameError)) throw error;
    // "topic "X" must be ..." without the kind, which the field already says.
    throw InputValidationError.of(field, error.message.slice(error.kind.length + 1));
  }
}

/** The common shape first, then what the event's handler needs; fields as `value.<path>`. */
async function checkValue(event: string, value: unknown): Promise<void> {
  try {
    await validateInput(SeedEventValue, value);
    const rules = EVENT_VALUE_RULES[event];
    if (rules) await validateInput(rules, value);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InputValidationError(
      error.violations.map(({ field, reason }) => ({
        field: field === '(body)' ? 'value' : `value.${field}`,
        reason,
      })),
    );
  }
}

function defaultKey({ data }: SeedEventValue): string | undefined {
  for (const id of [data.roleId, data.id]) {
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
  }
  return undefined;
}
