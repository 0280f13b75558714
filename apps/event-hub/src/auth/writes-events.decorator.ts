import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiKeyErrorFilter } from './api-key-error.filter';
import { ApiKeyGuard } from './api-key.guard';

/**
 * Marks a handler (or every handler of a class) as a write of events: with API_KEYS set,
 * only callers carrying one of the keys get through. Works on REST routes, gRPC methods and
 * GraphQL resolvers alike; reads stay open. The filter comes along because a handler's own
 * filters come before its controller's (the gRPC controller catches everything).
 */
export function WritesEvents(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(ApiKeyGuard), UseFilters(ApiKeyErrorFilter));
}
