import { InMemoryInboxStore } from '../adapters/in-memory/in-memory-inbox.store';
import type { PubSub, PubSubFeatures } from '../ports/event-bus.port';
import type { InboxStore } from '../ports/inbox-store.port';

export interface PubSubContractOptions {
  /**
   * Longest wait for one expected outcome (default 5 s). Real brokers need more for group
   * joins and rebalances; each case's jest timeout is a multiple of it.
   */
  readonly timeoutMs?: number;
  /** Events in the parallel-publish case (default 10,000). */
  readonly stressEvents?: number;
  /** Inbox for the idempotency case (default a fresh `InMemoryInboxStore`). */
  readonly inbox?: () => InboxStore;
  /**
   * Stops the adapter's broker and starts it again, resolving once it answers. Given, the
   * suite runs the "broker restarted mid-run" case (persistent adapters on a real broker).
   */
  readonly restartBroker?: () => Promise<void>;
}

/** What every case gets: a way to open adapters (closed after the case) and the settings. */
export interface PubSubContractContext {
  readonly features: PubSubFeatures;
  readonly timeoutMs: number;
  readonly caseTimeoutMs: number;
  readonly stressEvents: number;
  open(): Promise<PubSub>;
  inbox(): InboxStore;
  readonly restartBroker?: () => Promise<void>;
  /** `it` when the adapter has the feature, `it.skip` (reported as skipped) otherwise. */
  caseIf(enabled: boolean): jest.It;
}

/** Builds the context; call inside a `describe` (it registers an `afterEach`). */
export function pubSubContractContext(
  factory: () => Promise<PubSub>,
  features: PubSubFeatures,
  options: PubSubContractOptions,
): PubSubContractContext {
  const opened: PubSub[] = [];
  const timeoutMs = options.timeoutMs ?? 5000;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  }, timeoutMs * 4);
  return {
    features,
    timeoutMs,
    caseTimeoutMs: timeoutMs * 4,
    stressEvents: options.stressEvents ?? 10_000,
    open: async () => {
      const pubsub = await factory();
      opened.push(pubsub);
      return pubsub;
    },
    inbox: options.inbox ?? (() => new InMemoryInboxStore()),
    restartBroker: options.restartBroker,
    caseIf: (enabled) => (enabled ? it : it.skip),
  };
}
