import { Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { APP_NAME } from '../platform.constants';
import { MetricsController } from './metrics.controller';

/**
 * `GET /metrics` in Prometheus' text format, with Node's process metrics and whatever the
 * app's own providers register on the injectable `Registry` (labelled `app`).
 *
 * One registry per app instance rather than prom-client's global one: tests start several
 * apps in one process, and the global registry refuses a metric registered twice.
 */
@Module({
  providers: [
    {
      provide: Registry,
      inject: [APP_NAME],
      useFactory: (app: string) => {
        const registry = new Registry();
        registry.setDefaultLabels({ app });
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  controllers: [MetricsController],
  exports: [Registry],
})
export class PrometheusModule {}
