/**
 * Injection tokens for the transport ports. Domain code injects a port by its token and never
 * names an adapter, so swapping in-memory for Kafka/Redis/BullMQ is one registration.
 * `Symbol.for` keeps a token identical even if this module is loaded twice (jest, bundles).
 */
export const PUB_SUB = Symbol.for('@app/transport:PUB_SUB');
export const EVENT_PUBLISHER = Symbol.for('@app/transport:EVENT_PUBLISHER');
export const EVENT_SUBSCRIBER = Symbol.for('@app/transport:EVENT_SUBSCRIBER');
export const JOB_QUEUE = Symbol.for('@app/transport:JOB_QUEUE');
export const INBOX_STORE = Symbol.for('@app/transport:INBOX_STORE');
