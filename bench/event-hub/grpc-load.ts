import type { GeneratedEvent } from '../../apps/event-hub/src/generator/event.factory';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  sendEvents,
} from '../../apps/event-hub/src/grpc/event-hub.client';
import { type LoadResult, runClosedLoop } from './closed-loop';

export interface GrpcLoad {
  /** `127.0.0.1:<port>` of the hub's gRPC server. */
  readonly target: string;
  /** Each `SendEvents` stream carries one of these in full, in turn. */
  readonly streams: readonly (readonly GeneratedEvent[])[];
  /** Streams open at once. */
  readonly clients: number;
  readonly seconds: number;
}

/**
 * `SendEvents` client streams from `clients` loops over one channel (the app's own grpc-js
 * client, as the seed's grpc_client.py keeps one), each stream all of one batch; a stream's
 * latency is its first message to the server's reply.
 */
export async function runGrpcLoad(load: GrpcLoad): Promise<LoadResult> {
  const client = createEventHubClient(load.target);
  try {
    await ready(client);
    return await runClosedLoop({
      clients: load.clients,
      seconds: load.seconds,
      send: async (seq) => {
        const events = load.streams[seq % load.streams.length];
        const reply = await sendEvents(client, events, undefined, {
          deadline: Date.now() + 60_000,
        });
        if (reply.accepted !== events.length) {
          throw new Error(`SendEvents: ${reply.accepted} of ${events.length} accepted`);
        }
        return reply.accepted;
      },
    });
  } finally {
    client.close();
  }
}

function ready(client: EventHubGrpcClient): Promise<void> {
  return new Promise((resolve, reject) =>
    client.waitForReady(new Date(Date.now() + 10_000), (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}
