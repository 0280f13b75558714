// Ports: what domain code depends on (inject them by token).
export * from './ports/event-bus.port';
export * from './ports/inbox-store.port';
export * from './ports/job-queue.port';
export * from './ports/transport-logger.port';
export * from './transport.constants';

// Middleware around event handlers.
export * from './middleware/compose.middleware';
export * from './middleware/dead-letter.attributes';
export * from './middleware/dead-letter.middleware';
export * from './middleware/idempotent.middleware';
export * from './middleware/resilient-handler.middleware';
export * from './middleware/retry-exhausted.error';
export * from './middleware/retry.middleware';

// In-memory adapters (the embedded default) and the Nest module registering them.
export * from './adapters/in-memory/in-memory-inbox.store';
export * from './adapters/in-memory/in-memory-job-queue.adapter';
export * from './adapters/in-memory/in-memory-job-queue.options';
export * from './adapters/in-memory/in-memory-pub-sub.adapter';
export * from './adapters/in-memory/in-memory-pub-sub.options';
export * from './transport.module';
