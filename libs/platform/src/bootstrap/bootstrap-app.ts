import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app.config';
import { validateConfig } from '../config/validate-config';
import { pinoOptions } from '../logging/pino-options';
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
 * wrong, before anything connects), then structured logs (pino, through nestjs-pino: every
 * Nest log line, the start-up's included), shutdown hooks and the HTTP listener.
 */
export async function bootstrapApp<C extends AppConfig>(
  options: BootstrapOptions<C>,
): Promise<INestApplication> {
  const config = loadConfigOrExit(options);
  try {
    const module =
      'forConfig' in options.module ? options.module.forConfig(config) : options.module;
    // Lines logged while the app is created are held until the pino logger takes over.
    const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
    const logger = app.get(Logger);
    app.useLogger(logger);
    app.enableShutdownHooks();
    await options.beforeListen?.(app, config);
    await app.listen(config.PORT, config.HOST);
    logger.log(`${options.name} listening on http://localhost:${config.PORT}`, 'Bootstrap');
    return app;
  } catch (error) {
    // The app (and its logger) may not exist: a logger of its own, with the same settings.
    pino(pinoOptions(options.name, config)).fatal(
      { context: 'Bootstrap' },
      `${options.name} failed to start: ${(error as Error).message}`,
    );
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
