import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './config/app.config';
import { validateConfig } from './config/validate-config';
import { HealthModule } from './health/health.module';

/** The app's name (`event-manager`, ...), for logs and default file names. */
export const APP_NAME = Symbol('APP_NAME');

export interface PlatformOptions<C extends AppConfig> {
  name: string;
  /** The app's config class; its validated instance is injectable by that class. */
  config: new () => C;
}

/**
 * What every app gets the same way: validated configuration (@nestjs/config, failing
 * start-up with one line naming the variable) and `/health`.
 */
@Module({})
export class PlatformModule {
  static forApp<C extends AppConfig>({ name, config }: PlatformOptions<C>): DynamicModule {
    const validate = (env: Record<string, unknown>) => validateConfig(config, env);
    return {
      module: PlatformModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate }), HealthModule],
      providers: [
        { provide: APP_NAME, useValue: name },
        // ConfigModule has loaded any .env file into process.env by the time this runs.
        { provide: config, useFactory: () => validate(process.env), inject: [ConfigService] },
        { provide: AppConfig, useExisting: config },
      ],
      exports: [APP_NAME, config, AppConfig],
    };
  }
}
