import type { ConsumerOnlyResult } from './consumer-only';
import type { EndToEndResult } from './end-to-end';
import type { TransportAloneResult } from './transport-alone';

/** The consumer's storing rate on Kafka + PostgreSQL this benchmark holds it to (issue 13). */
export const CONSUMER_GOAL_PER_SECOND = 20_000;
/** Longest the async path may stay behind once the load stops (issue 13). */
export const LAG_GOAL_MS = 2000;

export function endToEndTable(results: readonly EndToEndResult[]): string {
  const rows = results.map((r) =>
    row([
      r.setup,
      `\`${r.mutation}\``,
      count(r.events),
      `${r.clients}`,
      count(r.acceptedPerSecond),
      count(r.storedPerSecond),
      `${ms(r.request.p50)} / ${ms(r.request.p99)}`,
      `${ms(r.toStored.p50)} / ${ms(r.toStored.p99)}`,
      ms(r.lagClearedMs),
      count(r.maxBacklog),
      Math.round(r.cpuUsPerEvent).toString(),
      r.loadAverage.toFixed(2),
    ]),
  );
  return [
    '| setup | mutation | N | clients | accepted req/s | stored events/s | answer p50 / p99 ms | sent→stored p50 / p99 ms | lag zero after load ms | max backlog | CPU µs/req | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function consumerTable(
  consumer: ConsumerOnlyResult,
  transport: TransportAloneResult | undefined,
): string {
  const lines = [
    '| consumer | M | batch size | concurrency | boot ms | events/s from start | events/s once up | CPU µs/event | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row([
      'EventsConsumer → PostgreSQL (`ROLE=consumer` app)',
      count(consumer.events),
      `${consumer.batchSize}`,
      `${consumer.concurrency}`,
      ms(consumer.bootMs),
      count(consumer.fromStartPerSecond),
      count(consumer.fromReadyPerSecond),
      consumer.cpuUsPerEvent.toFixed(1),
      consumer.loadAverage.toFixed(2),
    ]),
  ];
  if (transport) {
    lines.push(
      row([
        'KafkaPubSub.subscribeBatch alone (handler only counts)',
        count(transport.events),
        `${transport.batchSize}`,
        `${transport.concurrency}`,
        '—',
        count(transport.perSecond),
        '—',
        transport.cpuUsPerEvent.toFixed(1),
        transport.loadAverage.toFixed(2),
      ]),
    );
  }
  const drained =
    consumer.backlogDrained > 0
      ? ` (after draining ${count(consumer.backlogDrained)} left by others)`
      : '';
  const note =
    `Pre-filled at ${count(consumer.prefillPerSecond)} events/s through ` +
    `EventsService.createAsync; ${count(consumer.lagAtStart)} events to store when the ` +
    `consumer started${drained}.`;
  return `${lines.join('\n')}\n\n${note}`;
}

/** One line per target of issue 13: met or not, with the figure that says so. */
export function verdicts(
  endToEnd: readonly EndToEndResult[],
  consumer: ConsumerOnlyResult | undefined,
): string[] {
  const lines: string[] = [];
  for (const r of endToEnd.filter((result) => result.mutation === 'createEventAsync')) {
    const ratio = r.storedPerSecond / r.acceptedPerSecond;
    const met = r.lagClearedMs <= LAG_GOAL_MS;
    lines.push(
      `${r.setup}: stored ${count(r.storedPerSecond)}/s for ${count(r.acceptedPerSecond)} accepted/s ` +
        `(${ratio.toFixed(2)}x), lag zero ${ms(r.lagClearedMs)} ms after the load: ` +
        `${met ? 'met' : 'NOT met'} (goal ≤ ${LAG_GOAL_MS} ms)`,
    );
  }
  if (consumer) {
    const met = consumer.fromReadyPerSecond >= CONSUMER_GOAL_PER_SECOND;
    lines.push(
      `consumer alone: ${count(consumer.fromReadyPerSecond)} events/s once up ` +
        `(${count(consumer.fromStartPerSecond)} from its start): ` +
        `${met ? 'met' : 'NOT met'} (goal ≥ ${count(CONSUMER_GOAL_PER_SECOND)})`,
    );
  }
  return lines;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
}
