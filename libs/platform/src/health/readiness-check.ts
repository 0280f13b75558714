import { DiscoveryService } from '@nestjs/core';
import type { HealthCheckAttempt, HealthIndicatorResult } from '@nestjs/terminus';

/**
 * A real dependency (database, broker, ...) that must answer before the app is ready.
 * Providers implementing it and marked with `@ReadinessCheck()` are discovered at
 * start-up and run by `/health`, so an adapter adds its check without touching the
 * controller.
 */
export interface ReadinessIndicator {
  /** Terminus' own indicators return an attempt (`.withTimeout()`); custom ones a promise. */
  check(): HealthCheckAttempt | PromiseLike<HealthIndicatorResult>;
}

export const ReadinessCheck = DiscoveryService.createDecorator<void>();
