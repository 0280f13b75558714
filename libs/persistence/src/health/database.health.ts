import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type HealthCheckAttempt, MikroOrmHealthIndicator } from '@nestjs/terminus';

/** `/health` reports `database: up` only when the SQL store answers a query. */
@Injectable()
@ReadinessCheck()
export class DatabaseHealthIndicator implements ReadinessIndicator {
  constructor(private readonly mikroOrm: MikroOrmHealthIndicator) {}

  check(): HealthCheckAttempt<'database'> {
    return this.mikroOrm.pingCheck('database').withTimeout(3000);
  }
}
