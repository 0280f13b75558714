// Routing events to `@OnEvent(topic, type)` handlers: import from '@app/transport/routing'.
export * from './background-subscription';
export * from './event-handler';
export * from './event-router';
export * from './event-router.module';
export * from './event-router.options';
export * from './handler-registration.error';
export * from './handler.registry';
export * from './handlers.controller';
export * from './inbox-unit-of-work';
export * from './routing-unit-of-work.port';
export * from './routing.stats';
