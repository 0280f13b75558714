import { Controller, Get, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ReadinessCheck, type ReadinessIndicator } from './readiness-check';

/**
 * `GET /health`: liveness, 200 while the process serves HTTP, whatever its dependencies do (a
 * database outage must not get every instance restarted). `GET /health/ready`: readiness,
 * 200 when every readiness check is up, 503 naming the ones that are not; a load balancer
 * sends no traffic meanwhile, and compose waits on it before starting what depends on the app.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController implements OnApplicationBootstrap {
  private indicators: ReadinessIndicator[] = [];

  constructor(
    private readonly health: HealthCheckService,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.indicators = this.discovery
      .getProviders({ metadataKey: ReadinessCheck.KEY })
      .map((wrapper) => wrapper.instance as ReadinessIndicator);
  }

  @Get()
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.indicators.map((indicator) => () => indicator.check()));
  }
}
