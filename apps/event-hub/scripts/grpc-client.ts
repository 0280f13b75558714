/**
 * event-hub's gRPC client, like the seed's `client/grpc_client.py`: sends one event
 * (SendEvent), then a client stream of --count events (SendEvents), while listening to
 * StreamEvents, and prints what came back.
 *
 *   npm run event-hub:grpc-client -- --count 100 --target 127.0.0.1:50051 --listen 3
 */
import { parseArgs } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import {
  createEventHubClient,
  sendEvent,
  sendEvents,
  streamEvents,
} from '../src/grpc/event-hub.client';
import type { EventInputMessage, EventMessage } from '../src/grpc/event-hub.messages';

const USAGE = `Usage: npm run event-hub:grpc-client -- [--target host:port] [--count n] [--listen seconds]

  --target   the gRPC server (default 127.0.0.1:50051, or GRPC_TARGET)
  --count    events to send on one client stream (default 10)
  --listen   seconds to keep printing live events after sending (default 3)`;

const TYPES = ['purchase', 'return', 'refund'] as const;

function randomEvent(): Partial<EventInputMessage> {
  return {
    user_id: `user${Math.floor(Math.random() * 1000)}`,
    event_type: TYPES[Math.floor(Math.random() * TYPES.length)],
    amount: Math.round(Math.random() * 100_000) / 100,
    timestamp: new Date().toISOString(),
  };
}

function options(): { target: string; count: number; listen: number } {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: process.env.GRPC_TARGET ?? '127.0.0.1:50051' },
      count: { type: 'string', default: '10' },
      listen: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const count = Number(values.count);
  const listen = Number(values.listen);
  if (values.help || !Number.isInteger(count) || count < 0 || !(listen >= 0)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return { target: values.target, count, listen };
}

async function main(): Promise<void> {
  const { target, count, listen } = options();
  const client = createEventHubClient(target);
  await new Promise<void>((resolve, reject) =>
    client.waitForReady(new Date(Date.now() + 5_000), (error) =>
      error ? reject(new Error(`no gRPC server at ${target}: ${error.message}`)) : resolve(),
    ),
  );

  const live = await streamEvents(client);
  let received = 0;
  live.on('data', (event: EventMessage) => {
    received += 1;
    // Print the first few in full, then count: a stream of thousands would flood the terminal.
    if (received <= 5) console.log('StreamEvents ->', JSON.stringify(event));
  });
  live.on('error', (error: ServiceError) => {
    if (error.code !== 1 /* CANCELLED, by us below */)
      console.error('StreamEvents:', error.message);
  });

  const one = randomEvent();
  console.log('SendEvent', JSON.stringify(one), '->', JSON.stringify(await sendEvent(client, one)));

  const started = performance.now();
  const reply = await sendEvents(client, Array.from({ length: count }, randomEvent));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `SendEvents: ${reply.accepted} accepted (${reply.duplicates} duplicates) in ` +
      `${seconds.toFixed(3)} s, ${Math.round(reply.accepted / Math.max(seconds, 1e-6))} events/s`,
  );

  await new Promise((resolve) => setTimeout(resolve, listen * 1000));
  console.log(`StreamEvents: ${received} live events in ${listen} s`);
  live.cancel();
  client.close();
}

main().catch((error: Error & Partial<ServiceError>) => {
  console.error(error.details ? `${error.code}: ${error.details}` : error.message);
  process.exit(1);
});
