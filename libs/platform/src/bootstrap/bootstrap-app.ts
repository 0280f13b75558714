import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app.config';
import { validateConfig } from '../config/validate-config';
import { createLogger } from '../logging/create-logger';
import { loadDotEnv } from './load-dot-env';

export interface BootstrapOptions<C extends AppConfig> {
  name: string;
  /** The root module (a class or a dynamic module), or `(config) => module` choosing it by role. */
  module: object | { readonly forConfig: (config: C) => object };
  config: new () => C;
  /**
   * Runs once the app is created, before the HTTP listener starts: for example connecting
   * and starting a microservice transport (event-hub's gRPC server). A failure stops the
   * start-up like any other.
   */
  beforeListen?: (app: INestApplication, config: C) => Promise<void>;
}

/**
 * Starts one app: checks its configuration first (one clear line and exit code 1 when
 * wrong, before anything connects), then JSON logs, shutdown hooks and the HTTP listener.
 */
export async function bootstrapApp<C extends AppConfig>(
  options: BootstrapOptions<C>,
): Promise<INestApplication> {
  const config = loadConfigOrExit(options);
  const logger = createLogger(options.name, config);
  try {
    const module =
      'forConfig' in options.module ? options.module.forConfig(config) : options.module;
    const app = await NestFactory.create(module, { logger, abortOnError: false });
    app.enableShutdownHooks();
    await options.beforeListen?.(app, config);
    await app.listen(config.PORT, config.HOST);
    logger.log(`${options.name} listening on http://localhost:${config.PORT}`, 'Bootstrap');
    return app;
  } catch (error) {
    logger.fatal(`${options.name} failed to start: ${(error as Error).message}`, 'Bootstrap');
    process.exit(1);
  }
}

function loadConfigOrExit<C extends AppConfig>({ name, config }: BootstrapOptions<C>): C {
  try {
    loadDotEnv();
    return validateConfig(config, process.env);
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    process.exit(1);
  }
}
