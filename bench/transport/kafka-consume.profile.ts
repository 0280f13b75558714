/*
 * KafkaPubSub's consume path alone, for profiling: fills a topic with N events, then consumes
 * it ROUNDS times with fresh groups (the first rounds warm V8 up), printing per round the
 * rate, the CPU time per event (the whole process's: steadier than the rate on a shared
 * machine), the time to the first event and every pause of more than 3 ms between two
 * events (as `events-so-far:ms`: a fetch, a commit round trip, a GC). With
 * BENCH_PROFILE=<file> the last round is CPU-profiled (open it in Chrome DevTools).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     bench/transport/kafka-consume.profile.ts
 *
 * Environment: BENCH_EVENTS [20000], BENCH_ROUNDS [3], BENCH_SLICE [0: subscribe; n:
 * subscribeBatch with maxBatchSize n], BENCH_FRESH [unset: one topic; set: a new topic per
 * round], BENCH_PROFILE, KAFKA_BROKERS [127.0.0.1:9092].
 */
import { createEnvelope } from '@app/envelope';
import { KafkaPubSub } from '@app/transport/adapters/kafka';
import { profiled } from '../common/profile';
import { benchLogger } from './suite';

const N = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SLICE = Number(process.env.BENCH_SLICE ?? 0);
const PAUSE_MS = 3;

async function fill(pubsub: KafkaPubSub): Promise<string> {
  const topic = `bench_profile_${Date.now()}`;
  const data = { text: 'x'.repeat(230) };
  for (let i = 0; i < N; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - i) }, (_, j) =>
      createEnvelope({
        source: '/bench/transport',
        type: 'BENCH_EVENT',
        data,
        partitionKey: `key-${(i + j) % 1000}`,
      }),
    );
    await pubsub.publish(topic, batch);
  }
  return topic;
}

async function consumeOnce(pubsub: KafkaPubSub, topic: string, group: string): Promise<void> {
  const stamps: number[] = [];
  let done = (): void => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const hit = (events: number): void => {
    for (let i = 0; i < events; i += 1) stamps.push(performance.now());
    if (stamps.length >= N) done();
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const subscription =
    SLICE > 0
      ? await pubsub.subscribeBatch(topic, async (events) => hit(events.length), {
          group,
          concurrency: 3,
          maxBatchSize: SLICE,
        })
      : await pubsub.subscribe(topic, async () => hit(1), { group, concurrency: 3 });
  await finished;
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  await subscription.close();
  const pauses = stamps
    .slice(1)
    .map((at, i) => [i + 1, at - stamps[i]] as const)
    .filter(([, gap]) => gap > PAUSE_MS)
    .map(([count, gap]) => `${count}:${gap.toFixed(0)}`);
  console.log(
    `${group}: ${Math.round((N / ms) * 1000)} events/s, ${((user + system) / N).toFixed(2)} ` +
      `CPU µs/event (${ms.toFixed(0)} ms, first event at ` +
      `${(stamps[0] - started).toFixed(0)} ms); pauses: ${pauses.join(' ') || 'none'}`,
  );
}

async function main(): Promise<void> {
  const pubsub = new KafkaPubSub({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: 'kafka-consume-profile',
    partitions: 3,
    logger: benchLogger,
  });
  await pubsub.connect();
  try {
    let topic = await fill(pubsub);
    for (let round = 1; round <= ROUNDS; round += 1) {
      if (process.env.BENCH_FRESH && round > 1) topic = await fill(pubsub);
      const work = () => consumeOnce(pubsub, topic, `${topic}_g${round}`);
      await (round === ROUNDS ? profiled(process.env.BENCH_PROFILE, work) : work());
    }
  } finally {
    await pubsub.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
