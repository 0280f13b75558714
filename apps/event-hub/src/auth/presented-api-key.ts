import type { ExecutionContext } from '@nestjs/common';

/** The two places a caller may put its key, by their (lower-case) header or metadata name. */
export type KeyField = 'x-api-key' | 'authorization';

/** Reads one header, metadata entry or connection parameter; undefined when absent. */
type FieldReader = (name: KeyField) => string | undefined;

/**
 * The API key a call carries, whatever its protocol: `x-api-key: <key>`, or
 * `authorization: Bearer <key>`, as HTTP headers (REST and GraphQL over HTTP), gRPC metadata,
 * or graphql-ws `connectionParams`. `x-api-key` wins when both are sent. Undefined when there
 * is none (an `authorization` of another scheme is none either).
 */
export function presentedApiKey(context: ExecutionContext): string | undefined {
  const read = readerFor(context);
  if (!read) return undefined;
  const apiKey = read('x-api-key')?.trim();
  if (apiKey) return apiKey;
  return bearerToken(read('authorization'));
}

/** `Bearer <token>`, the scheme case-insensitive (RFC 6750); anything else is no token. */
function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header?.trim() ?? '')?.[1];
}

function readerFor(context: ExecutionContext): FieldReader | undefined {
  const type = context.getType<'http' | 'rpc' | 'graphql' | 'ws'>();
  if (type === 'http') return headerReader(context.switchToHttp().getRequest<object>());
  if (type === 'rpc') return metadataReader(context.switchToRpc().getContext<unknown>());
  // A resolver's arguments are (root, args, context, info): the context built for the
  // operation, whose `req` is the HTTP request, or graphql-ws's context over WebSocket.
  if (type === 'graphql') return graphqlReader(context.getArgByIndex<unknown>(2));
  return undefined;
}

/** Express (and Node) headers: names in lower case, a repeated header as one string or a list. */
function headerReader(request: unknown): FieldReader | undefined {
  const headers = propertyOf(request, 'headers');
  if (!isRecord(headers)) return undefined;
  return (name) => firstString(headers[name]);
}

/** grpc-js `Metadata`: `get(name)` answers every value of the (lower-case) key. */
function metadataReader(metadata: unknown): FieldReader | undefined {
  const get = propertyOf(metadata, 'get');
  if (typeof get !== 'function') return undefined;
  return (name) => firstString((get as (key: string) => unknown).call(metadata, name));
}

/** graphql-ws `connectionParams` are whatever the client sent: names in any case. */
function paramsReader(params: Record<string, unknown>): FieldReader {
  return (name) => {
    const key = Object.keys(params).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? undefined : firstString(params[key]);
  };
}

function graphqlReader(graphqlContext: unknown): FieldReader | undefined {
  const req = propertyOf(graphqlContext, 'req');
  const overHttp = headerReader(req);
  if (overHttp) return overHttp;
  // graphql-ws: what the client sent as connectionParams (browsers cannot set headers on a
  // WebSocket), else the headers of the WebSocket's upgrade request.
  const params =
    propertyOf(req, 'connectionParams') ?? propertyOf(graphqlContext, 'connectionParams');
  if (isRecord(params)) return paramsReader(params);
  return headerReader(propertyOf(propertyOf(req, 'extra'), 'request'));
}

function propertyOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function firstString(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}
