import { type INestApplication, Logger } from '@nestjs/common';
import type { EventHubConfig } from '../event-hub.config';
import { eventHubGrpcOptions } from './grpc.options';

/**
 * Serves the app's `@GrpcMethod` handlers on GRPC_HOST:GRPC_PORT with Nest's gRPC transport,
 * inside the HTTP app's process and container: one ingest, one shutdown (`app.close()`
 * closes the gRPC server too).
 */
export async function startGrpcServer(
  app: INestApplication,
  config: Pick<EventHubConfig, 'GRPC_HOST' | 'GRPC_PORT'>,
): Promise<void> {
  app.connectMicroservice(eventHubGrpcOptions(config), { inheritAppConfig: true });
  await app.startAllMicroservices();
  new Logger('Bootstrap').log(`gRPC listening on ${config.GRPC_HOST}:${config.GRPC_PORT}`);
}
