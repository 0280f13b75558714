import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type HealthCheckAttempt, MongooseHealthIndicator } from '@nestjs/terminus';

/** `/health` reports `mongodb: up` only when the MongoDB server answers a ping. */
@Injectable()
@ReadinessCheck()
export class MongoHealthIndicator implements ReadinessIndicator {
  constructor(private readonly mongoose: MongooseHealthIndicator) {}

  check(): HealthCheckAttempt<'mongodb'> {
    return this.mongoose.pingCheck('mongodb').withTimeout(3000);
  }
}
