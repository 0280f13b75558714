import { assertEventType, assertTopicName } from '@app/envelope';
import { errorMessage } from '../internal/error-message';
import type { EventHandler, EventRoute } from './event-handler';
import { HandlerRegistrationError } from './handler-registration.error';

/** One (topic, type) and the handler registered for it. */
export interface Registration extends EventRoute {
  /** The handler's class name, for logs, dead letters and `GET /handlers`. */
  readonly handlerName: string;
  readonly handler: EventHandler;
}

/** A provider found with `@OnEvent`, before its registration is checked. */
export interface DiscoveredHandler {
  readonly route: EventRoute;
  readonly name: string;
  readonly instance: unknown;
}

/**
 * The global registration list: which handler takes which (topic, type). Built once at
 * start-up from the discovered handlers; every mistake in it is reported at once, together,
 * so a deployment fails before it consumes anything rather than on the first message.
 */
export class HandlerRegistry {
  private readonly byRoute = new Map<string, Registration>();

  constructor(discovered: readonly DiscoveredHandler[]) {
    const problems: string[] = [];
    for (const found of discovered) {
      const problem = checkHandler(found) ?? this.duplicateOf(found);
      if (problem) {
        problems.push(problem);
        continue;
      }
      this.byRoute.set(key(found.route), {
        ...found.route,
        handlerName: found.name,
        handler: found.instance as EventHandler,
      });
    }
    if (problems.length > 0) {
      throw new HandlerRegistrationError(
        `Invalid event handler registration:\n  - ${problems.join('\n  - ')}`,
      );
    }
  }

  find(topic: string, type: string): Registration | undefined {
    return this.byRoute.get(key({ topic, type }));
  }

  /** Every registration, by topic then type. */
  list(): Registration[] {
    return [...this.byRoute.values()].sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.type.localeCompare(b.type),
    );
  }

  /** The topics that have at least one handler: exactly what the router subscribes to. */
  topics(): string[] {
    return [...new Set(this.list().map((registration) => registration.topic))];
  }

  private duplicateOf(found: DiscoveredHandler): string | undefined {
    const existing = this.byRoute.get(key(found.route));
    if (!existing) return undefined;
    return (
      `${found.name} and ${existing.handlerName} are both registered for ` +
      `(${found.route.topic}, ${found.route.type}); one (topic, event) has one handler`
    );
  }
}

function checkHandler({ route, name, instance }: DiscoveredHandler): string | undefined {
  try {
    assertTopicName(route.topic);
    assertEventType(route.type);
  } catch (error) {
    return `${name}: ${errorMessage(error)}`;
  }
  const execute = (instance as Partial<EventHandler> | null)?.execute;
  if (typeof execute !== 'function') {
    return `${name} is registered for (${route.topic}, ${route.type}) but does not implement execute(value)`;
  }
  return undefined;
}

function key({ topic, type }: EventRoute): string {
  return `${topic}\u0000${type}`;
}
