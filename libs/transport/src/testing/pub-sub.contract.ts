import type { PubSub, PubSubFeatures } from '../ports/event-bus.port';
import { batchLifecycleCases } from './pub-sub-batch-lifecycle.cases';
import { batchCases } from './pub-sub-batch.cases';
import { consumerGroupCases } from './pub-sub-consumer-group.cases';
import { type PubSubContractOptions, pubSubContractContext } from './pub-sub-contract.context';
import { deliveryCases } from './pub-sub-delivery.cases';
import { lagCases } from './pub-sub-lag.cases';
import { lifecycleCases } from './pub-sub-lifecycle.cases';
import { middlewareCases } from './pub-sub-middleware.cases';
import { orderingCases } from './pub-sub-ordering.cases';
import { resilienceCases } from './pub-sub-resilience.cases';
import { tailCases } from './pub-sub-tail.cases';

/**
 * The universal pub/sub test suite (after Watermill's): every adapter's spec calls this once
 * with a factory and the features it claims. Each case opens its own adapter instance(s) and
 * uses its own topics and groups, so cases can share a real broker; cases whose feature the
 * adapter lacks are reported as skipped. Waits are "until condition or timeout", never sleeps.
 */
export function runPubSubContract(
  name: string,
  factory: () => Promise<PubSub>,
  features: PubSubFeatures,
  options: PubSubContractOptions = {},
): void {
  describe(`${name} — pub/sub contract`, () => {
    const ctx = pubSubContractContext(factory, features, options);
    describe('delivery', () => deliveryCases(ctx));
    describe('consumer groups', () => consumerGroupCases(ctx));
    describe('redelivery and ordering', () => orderingCases(ctx));
    describe('lifecycle', () => lifecycleCases(ctx));
    describe('middleware', () => middlewareCases(ctx));
    describe('resilience', () => resilienceCases(ctx));
    describe('batches (subscribeBatch)', () => {
      batchCases(ctx);
      batchLifecycleCases(ctx);
    });
    describe('tails (tail)', () => tailCases(ctx));
    describe('consumer-group lag (groupLag)', () => lagCases(ctx));
  });
}
