import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { answerWithin } from '../internal/answer-within';
import { errorMessage } from '../internal/error-message';
import type { BrokerProbe } from '../ports/broker-probe.port';
import type { PubSub } from '../ports/event-bus.port';
import type { JobQueue } from '../ports/job-queue.port';
import { JOB_QUEUE, PUB_SUB } from '../transport.constants';

/** Longest a broker may take to answer before `/health/ready` calls it down. */
export const BROKER_PING_TIMEOUT_MS = 3000;

/**
 * `/health/ready` reports each broker the app's adapters use (`kafka: up`, `redis: down`
 * with the reason), one round trip each. Redis Streams and BullMQ on one server are one
 * `redis` entry, up only when both answer. On the embedded default there is no broker, and
 * nothing to report.
 */
@Injectable()
@ReadinessCheck()
export class BrokerHealthIndicator implements ReadinessIndicator {
  private readonly brokers: ReadonlyMap<string, readonly BrokerProbe[]>;

  constructor(@Inject(PUB_SUB) pubSub: PubSub, @Inject(JOB_QUEUE) jobQueue: JobQueue) {
    const brokers = new Map<string, BrokerProbe[]>();
    for (const probe of [pubSub.broker, jobQueue.broker]) {
      if (probe) brokers.set(probe.name, [...(brokers.get(probe.name) ?? []), probe]);
    }
    this.brokers = brokers;
  }

  async check(): Promise<HealthIndicatorResult> {
    const results = await Promise.all(
      [...this.brokers].map(([name, probes]) => this.checkOne(name, probes)),
    );
    return Object.assign({}, ...results) as HealthIndicatorResult;
  }

  private async checkOne(
    name: string,
    probes: readonly BrokerProbe[],
  ): Promise<HealthIndicatorResult> {
    try {
      await answerWithin(Promise.all(probes.map((probe) => probe.ping())), BROKER_PING_TIMEOUT_MS);
      return { [name]: { status: 'up' } };
    } catch (error) {
      return { [name]: { status: 'down', message: errorMessage(error) } };
    }
  }
}
