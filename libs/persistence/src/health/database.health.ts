import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, MikroOrmHealthIndicator } from '@nestjs/terminus';

/** `/health` reports `database: up` only when the SQL store answers a query. */
@Injectable()
@ReadinessCheck()
export class DatabaseHealthIndicator implements ReadinessIndicator {
  constructor(private readonly mikroOrm: MikroOrmHealthIndicator) {}

  check(): Promise<HealthIndicatorResult> {
    return this.mikroOrm.pingCheck('database', { timeout: 3000 });
  }
}
