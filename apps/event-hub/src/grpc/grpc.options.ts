import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type GrpcOptions, Transport } from '@nestjs/microservices';
import type { EventHubConfig } from '../event-hub.config';

/** The proto package and service `event-hub.grpc.controller.ts` implements. */
export const EVENT_HUB_PACKAGE = 'event_hub';
export const EVENT_HUB_SERVICE = 'EventHub';

/**
 * How proto-loader reads the .proto, for the server and for our clients alike: the proto's
 * own field names (the REST body's too), defaults for absent fields, enums and 64-bit
 * integers as strings.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  defaults: true,
  enums: String,
  longs: String,
  oneofs: true,
};

/**
 * `proto/event_hub.proto`, wherever this code runs from: beside the bundle once built
 * (nest-cli.json copies it to dist/apps/event-hub/proto), two folders up from `src/grpc`
 * under ts-node and jest.
 */
export function eventHubProtoPath(): string {
  const candidates = [
    join(__dirname, 'proto', 'event_hub.proto'),
    join(__dirname, '..', '..', 'proto', 'event_hub.proto'),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`event_hub.proto not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The gRPC server's options: Nest's own transport on GRPC_HOST:GRPC_PORT. */
export function eventHubGrpcOptions(
  config: Pick<EventHubConfig, 'GRPC_HOST' | 'GRPC_PORT'>,
): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      package: EVENT_HUB_PACKAGE,
      protoPath: eventHubProtoPath(),
      url: `${config.GRPC_HOST}:${config.GRPC_PORT}`,
      loader: PROTO_LOADER_OPTIONS,
      // Finish calls in flight on shutdown; live streams end when the ingest completes.
      gracefulShutdown: true,
    },
  };
}
