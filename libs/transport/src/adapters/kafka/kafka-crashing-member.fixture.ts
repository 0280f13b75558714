/*
 * A group member in a process of its own, for the integration suite's crash case: it joins
 * the group of CRASH_TOPIC / CRASH_GROUP, prints `joined`, then prints `handling <event id>`
 * and hangs in the handler of the first event it gets, until the suite kills it (SIGKILL):
 * no close, no commit, no goodbye to the group. Run with ts-node and tsconfig-paths.
 */
import { silentLogger } from '../../testing/silent.logger';
import { parseKafkaBrokers } from './kafka-brokers.parser';
import { KafkaPubSub } from './kafka-pub-sub.adapter';

async function main(): Promise<void> {
  const topic = process.env.CRASH_TOPIC ?? '';
  const group = process.env.CRASH_GROUP ?? '';
  const pubsub = new KafkaPubSub({
    brokers: parseKafkaBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    clientId: 'transport-crash-fixture',
    logger: silentLogger,
    // The brokers' minimum session: the group notices the death this soon.
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    rebalanceTimeout: 6000,
    maxWaitTimeInMs: 100,
  });
  await pubsub.subscribe(
    topic,
    async (event) => {
      process.stdout.write(`handling ${event.id}\n`);
      await new Promise<never>(() => undefined);
    },
    { group },
  );
  process.stdout.write('joined\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
