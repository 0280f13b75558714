/**
 * Remembers which events a consumer has already handled, so a redelivered event (at-least-once
 * transports redeliver) is not handled twice. Used by the `idempotent` middleware; the durable
 * implementation (a processed-event table) lives in libs/persistence.
 */
export interface InboxStore {
  isProcessed(consumer: string, eventId: string): Promise<boolean>;
  /** Must be safe to call twice for the same pair. */
  markProcessed(consumer: string, eventId: string): Promise<void>;
}
