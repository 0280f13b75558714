/*
 * A group member in a process of its own, for the integration suite's crash case: it joins
 * the group CRASH_GROUP of CRASH_TOPIC (streams under CRASH_KEY_PREFIX), prints `joined`,
 * then prints `handling <event id>` and hangs in the handler of the first event it gets,
 * until the suite kills it (SIGKILL): no close, no acknowledgement, no hand-over.
 * Run with ts-node and tsconfig-paths.
 */
import { silentLogger } from '../../testing/silent.logger';
import { RedisStreamsPubSub } from './redis-streams-pub-sub.adapter';

async function main(): Promise<void> {
  const pubsub = new RedisStreamsPubSub({
    connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: process.env.CRASH_KEY_PREFIX ?? '',
    minIdleTimeMs: Number(process.env.CRASH_MIN_IDLE_MS ?? 30_000),
    logger: silentLogger,
  });
  await pubsub.subscribe(
    process.env.CRASH_TOPIC ?? '',
    async (event) => {
      process.stdout.write(`handling ${event.id}\n`);
      await new Promise<never>(() => undefined);
    },
    { group: process.env.CRASH_GROUP ?? '' },
  );
  process.stdout.write('joined\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
