import { validateConfig } from '@app/platform/config/validate-config';
import { InMemoryPubSub } from '@app/transport';
import { silentLogger, testEvent } from '@app/transport/testing';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { EventHubConfig } from '../event-hub.config';
import { METRICS_GROUP } from '../metrics/event-metrics.consumer';
import { STORAGE_GROUP } from '../storage/event-storage.consumer';
import { ConsumerGroupLagGauge } from './consumer-group-lag.gauge';

describe('ConsumerGroupLagGauge', () => {
  const config = validateConfig(EventHubConfig, { EVENTS_STREAM: 'lag_events' });
  let pubsub: InMemoryPubSub;
  let registry: Registry;
  let warnings: string[];

  beforeEach(() => {
    pubsub = new InMemoryPubSub({ logger: silentLogger });
    registry = new Registry();
    new ConsumerGroupLagGauge(registry, pubsub, config);
    warnings = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await pubsub.close();
  });

  const lagOf = async (group: string) => {
    const metric = await registry.getSingleMetric('event_hub_consumer_group_lag')?.get();
    return metric?.values.find((sample) => sample.labels.group === group)?.value;
  };

  it('asks the broker for each group of the events stream at every scrape', async () => {
    await pubsub.publish('lag_events', [testEvent(), testEvent()]);
    await registry.metrics();
    expect(await lagOf(STORAGE_GROUP)).toBe(2);
    expect(await lagOf(METRICS_GROUP)).toBe(2);

    await pubsub.publish('lag_events', testEvent());
    expect(await lagOf(STORAGE_GROUP)).toBe(3);
  });

  it('leaves out a group whose lookup failed, keeps the scrape, and warns once per outage', async () => {
    await pubsub.publish('lag_events', testEvent());
    const real = pubsub.groupLag.bind(pubsub);
    let down = true;
    jest
      .spyOn(pubsub, 'groupLag')
      .mockImplementation((topic, group) =>
        down && group === METRICS_GROUP
          ? Promise.reject(new Error('broker away'))
          : real(topic, group),
      );

    const text = await registry.metrics();
    await registry.metrics();
    expect(text).toContain(`group="${STORAGE_GROUP}"`);
    expect(text).not.toContain(`group="${METRICS_GROUP}"`);
    expect(warnings).toEqual([
      `could not read the lag of group "${METRICS_GROUP}" on "lag_events": broker away`,
    ]);

    down = false;
    expect(await lagOf(METRICS_GROUP)).toBe(1);
  });
});
