import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './config/app.config';
import { validateConfig } from './config/validate-config';
import { DomainErrorFilter } from './errors/domain-error.filter';
import { createInputValidationPipe } from './errors/input-validation.pipe';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule } from './health/health.module';
import { pinoOptions } from './logging/pino-options';
import { PrometheusModule } from './metrics/prometheus.module';
import { RequestMetricsInterceptor } from './metrics/request-metrics.interceptor';
import { APP_NAME } from './platform.constants';

export { APP_NAME } from './platform.constants';

export interface PlatformOptions<C extends AppConfig> {
  name: string;
  /** The app's config class; its validated instance is injectable by that class. */
  config: new () => C;
}

/**
 * What every app gets the same way: validated configuration (@nestjs/config, failing
 * start-up with one line naming the variable), `/health`, `/metrics`, and one answer to bad input: DTOs
 * validated by class-validator, domain errors mapped to each protocol's status.
 */
@Module({})
export class PlatformModule {
  static forApp<C extends AppConfig>({ name, config }: PlatformOptions<C>): DynamicModule {
    const validate = (env: Record<string, unknown>) => validateConfig(config, env);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, cache: true, validate }),
        // Options built when the app is created, after bootstrapApp loaded any .env file.
        LoggerModule.forRootAsync({
          useFactory: () => ({
            pinoHttp: {
              ...pinoOptions(name, validate(process.env)),
              // No line per request: /metrics counts and times them; errors are logged.
              autoLogging: false,
              quietReqLogger: true,
            },
          }),
        }),
        HealthModule,
        PrometheusModule,
      ],
      providers: [
        { provide: APP_NAME, useValue: name },
        // ConfigModule has loaded any .env file into process.env by the time this runs.
        { provide: config, useFactory: () => validate(process.env), inject: [ConfigService] },
        { provide: AppConfig, useExisting: config },
        { provide: APP_PIPE, useFactory: createInputValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestMetricsInterceptor },
      ],
      exports: [APP_NAME, config, AppConfig, PrometheusModule],
    };
  }
}
