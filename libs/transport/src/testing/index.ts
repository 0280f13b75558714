// Test support for transport adapters: import from '@app/transport/testing' in specs only.
export * from './deferred';
export * from './inbox-store.contract';
export type { JobQueueContractOptions } from './job-queue-contract.context';
export * from './job-queue.contract';
export type { PubSubContractOptions } from './pub-sub-contract.context';
export * from './pub-sub.contract';
export * from './silent.logger';
export * from './test-delivery-context';
export * from './test-event';
export * from './unique-name';
export * from './wait-for';
export * from './kcat';
