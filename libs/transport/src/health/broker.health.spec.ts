import type { BrokerProbe } from '../ports/broker-probe.port';
import type { PubSub } from '../ports/event-bus.port';
import type { JobQueue } from '../ports/job-queue.port';
import { BROKER_PING_TIMEOUT_MS, BrokerHealthIndicator } from './broker.health';

const answering = (name: string): BrokerProbe => ({ name, ping: () => Promise.resolve() });
const refusing = (name: string, reason: string): BrokerProbe => ({
  name,
  ping: () => Promise.reject(new Error(reason)),
});

function indicator(pubSubBroker?: BrokerProbe, jobQueueBroker?: BrokerProbe) {
  return new BrokerHealthIndicator(
    { broker: pubSubBroker } as PubSub,
    { broker: jobQueueBroker } as JobQueue,
  );
}

describe('BrokerHealthIndicator', () => {
  it('reports nothing on the embedded default, where no adapter has a broker', async () => {
    await expect(indicator().check()).resolves.toEqual({});
  });

  it('reports each broker up once it answers', async () => {
    await expect(indicator(answering('kafka'), answering('redis')).check()).resolves.toEqual({
      kafka: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('reports a broker down with the reason it gave', async () => {
    const result = await indicator(
      answering('kafka'),
      refusing('redis', 'connect ECONNREFUSED'),
    ).check();
    expect(result).toEqual({
      kafka: { status: 'up' },
      redis: { status: 'down', message: 'connect ECONNREFUSED' },
    });
  });

  it('makes one entry of two adapters on one broker, down when either is', async () => {
    const result = await indicator(answering('redis'), refusing('redis', 'LOADING')).check();
    expect(result).toEqual({ redis: { status: 'down', message: 'LOADING' } });
  });

  it('reports a broker that does not answer in time as down', async () => {
    jest.useFakeTimers();
    try {
      const silent: BrokerProbe = { name: 'kafka', ping: () => new Promise(() => undefined) };
      const checking = indicator(silent).check();
      await jest.advanceTimersByTimeAsync(BROKER_PING_TIMEOUT_MS);
      await expect(checking).resolves.toEqual({
        kafka: { status: 'down', message: `no answer within ${BROKER_PING_TIMEOUT_MS} ms` },
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
