import { validateConfig } from '@app/platform/config/validate-config';
import { freePort } from '@app/platform/testing/app-process';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventHubConfig } from '../src/event-hub.config';
import { EventHubModule, servesGrpc } from '../src/event-hub.module';
import { startGrpcServer } from '../src/grpc/grpc.server';
import { servesHttpApi, setUpHttpApi } from '../src/rest/http-api.setup';
import { HubClients } from './hub.clients';

export interface RunningHub {
  readonly app: INestApplication;
  readonly clients: HubClients;
  close(): Promise<void>;
}

/**
 * event-hub in this process, put together from `env` as main.ts does (ROLE, MONGO_URL,
 * REDIS_URL, ...): REST and GraphQL on a free HTTP port, gRPC on another, and the clients
 * of both.
 */
export async function startHub(env: Record<string, string>): Promise<RunningHub> {
  const grpcPort = await freePort();
  Object.assign(process.env, { GRPC_HOST: '127.0.0.1', GRPC_PORT: String(grpcPort), ...env });
  const config = validateConfig(EventHubConfig, process.env);
  const moduleRef = await Test.createTestingModule({
    imports: [EventHubModule.forConfig(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  if (servesHttpApi(config.ROLE)) setUpHttpApi(app, config);
  if (servesGrpc(config.ROLE)) await startGrpcServer(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const clients = new HubClients(
    `http://127.0.0.1:${port}`,
    servesGrpc(config.ROLE) ? `127.0.0.1:${grpcPort}` : undefined,
  );
  return {
    app,
    clients,
    close: async () => {
      clients.close();
      await app.close();
    },
  };
}
