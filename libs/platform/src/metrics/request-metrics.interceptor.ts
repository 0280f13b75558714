import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { type Observable, tap } from 'rxjs';

/** 1 ms to 10 s: API calls, not batch jobs. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Request counts and durations of every API the app serves, one histogram per protocol
 * (its `_count` is the request count):
 *
 * - `http_request_duration_seconds{method, route, status}`: the route as declared
 *   (`/api/events/:id`), so ids never become labels; the status as sent.
 * - `graphql_request_duration_seconds{operation, field, outcome}`: each root field of a
 *   query, mutation or subscription (nested resolvers are part of their root's time).
 * - `rpc_request_duration_seconds{handler, outcome}`: gRPC and other microservice messages.
 *
 * As a global interceptor it sees the requests that reached a handler: unknown paths (404)
 * are not counted, which keeps the label values to the routes the app declares.
 */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly graphql: Histogram<'operation' | 'field' | 'outcome'>;
  private readonly rpc: Histogram<'handler' | 'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests served by a route of the app, by method, declared route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers,
    });
    this.graphql = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL root fields resolved, by operation type, field and outcome',
      labelNames: ['operation', 'field', 'outcome'],
      buckets: BUCKETS,
      registers,
    });
    this.rpc = new Histogram({
      name: 'rpc_request_duration_seconds',
      help: 'gRPC calls and microservice messages handled, by handler and outcome',
      labelNames: ['handler', 'outcome'],
      buckets: BUCKETS,
      registers,
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    switch (context.getType<'http' | 'graphql' | 'rpc' | 'ws'>()) {
      case 'http': {
        const http = context.switchToHttp();
        const request = http.getRequest<Request>();
        const response = http.getResponse<Response>();
        // The status is final only once the response is sent (filters may still change it).
        response.once('finish', () => {
          const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
          this.http.observe(
            { method: request.method, route, status: String(response.statusCode) },
            seconds(),
          );
        });
        return next.handle();
      }
      case 'graphql': {
        const info = GqlExecutionContext.create(context).getInfo<{
          parentType: { name: string };
          fieldName: string;
        }>();
        if (!ROOT_TYPES.has(info.parentType.name)) return next.handle();
        const labels = { operation: info.parentType.name.toLowerCase(), field: info.fieldName };
        return next.handle().pipe(
          tap({
            complete: () => this.graphql.observe({ ...labels, outcome: 'success' }, seconds()),
            error: () => this.graphql.observe({ ...labels, outcome: 'error' }, seconds()),
          }),
        );
      }
      case 'rpc': {
        const handler = `${context.getClass().name}.${context.getHandler().name}`;
        return next.handle().pipe(
          tap({
            complete: () => this.rpc.observe({ handler, outcome: 'success' }, seconds()),
            error: () => this.rpc.observe({ handler, outcome: 'error' }, seconds()),
          }),
        );
      }
      default:
        return next.handle();
    }
  }
}
