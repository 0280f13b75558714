import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { EventManagerRole } from '../event-manager.config';
import { EventsConsumer } from './consumer/events.consumer';
import { EventsConsumerHealthIndicator } from './consumer/events-consumer.health';
import { EventCreatedNotifier } from './event-created.notifier';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventsResolver } from './graphql/events.resolver';

/** Events: the GraphQL API, the consumer of `events`, or both, as the role says. */
@Module({})
export class EventsModule {
  static forRole(role: EventManagerRole): DynamicModule {
    const providers: Provider[] = [EventsRepository, EventsService, EventCreatedNotifier];
    if (role !== 'consumer') providers.push(EventsResolver);
    if (role !== 'api') providers.push(EventsConsumer, EventsConsumerHealthIndicator);
    return { module: EventsModule, imports: [TerminusModule], providers, exports: [EventsService] };
  }
}
