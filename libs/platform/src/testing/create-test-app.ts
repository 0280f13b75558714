import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/**
 * Boots an app module in-process for e2e tests with extra environment variables (for
 * example an in-memory SQLite `DATABASE_URL`). Close it with `app.close()`.
 */
export async function createTestApp(
  module: object,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  return app.init();
}
