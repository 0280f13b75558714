import { Metadata } from '@grpc/grpc-js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { API_KEY_MISSING, API_KEY_WRONG, ApiKeyRefusedError } from './api-key-refused.error';
import { ApiKeyGuard } from './api-key.guard';

const KEY = 'k-0123456789abcdef';

function httpCall(headers: Record<string, string | string[]>): ExecutionContextHost {
  const context = new ExecutionContextHost([{ headers }, {}, undefined]);
  context.setType('http');
  return context;
}

function grpcCall(entries: Record<string, string>): ExecutionContextHost {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(entries)) metadata.set(name, value);
  const context = new ExecutionContextHost([{}, metadata, {}]);
  context.setType('rpc');
  return context;
}

/** A resolver's arguments: (root, args, context, info). */
function graphqlCall(graphqlContext: object): ExecutionContextHost {
  const context = new ExecutionContextHost([{}, {}, graphqlContext, {}]);
  context.setType('graphql');
  return context;
}

function refusal(guard: ApiKeyGuard, context: ExecutionContextHost): string {
  try {
    guard.canActivate(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiKeyRefusedError);
    return (error as ApiKeyRefusedError).message;
  }
  throw new Error('expected the guard to refuse');
}

describe('ApiKeyGuard', () => {
  const guard = new ApiKeyGuard({ API_KEYS: `${KEY},k-fedcba9876543210` });

  it('lets every call through when no API key is configured', () => {
    const open = new ApiKeyGuard({ API_KEYS: undefined });

    expect(open.canActivate(httpCall({}))).toBe(true);
    expect(open.canActivate(grpcCall({}))).toBe(true);
    expect(open.canActivate(graphqlCall({ req: { headers: {} } }))).toBe(true);
  });

  describe('over HTTP', () => {
    it.each([
      ['x-api-key', { 'x-api-key': KEY }],
      ['authorization: Bearer', { authorization: `Bearer ${KEY}` }],
      ['a lower-case bearer scheme', { authorization: `bearer ${KEY}` }],
    ])('admits a configured key sent as %s', (_, headers) => {
      expect(guard.canActivate(httpCall(headers))).toBe(true);
    });

    it.each([
      ['no header', {}],
      ['another scheme', { authorization: `Basic ${KEY}` }],
      ['Bearer without a token', { authorization: 'Bearer' }],
      ['an empty x-api-key', { 'x-api-key': '' }],
    ])('refuses %s as a missing key', (_, headers) => {
      expect(refusal(guard, httpCall(headers))).toBe(API_KEY_MISSING);
    });

    it('refuses a wrong key, also when a good one comes as Bearer: x-api-key wins', () => {
      const call = httpCall({ 'x-api-key': 'wrong', authorization: `Bearer ${KEY}` });

      expect(refusal(guard, call)).toBe(API_KEY_WRONG);
    });
  });

  describe('over gRPC', () => {
    it('admits a configured key in metadata x-api-key or authorization', () => {
      expect(guard.canActivate(grpcCall({ 'x-api-key': KEY }))).toBe(true);
      expect(guard.canActivate(grpcCall({ authorization: `Bearer ${KEY}` }))).toBe(true);
    });

    it('refuses a missing or wrong key', () => {
      expect(refusal(guard, grpcCall({}))).toBe(API_KEY_MISSING);
      expect(refusal(guard, grpcCall({ 'x-api-key': 'wrong' }))).toBe(API_KEY_WRONG);
    });
  });

  describe('over GraphQL', () => {
    it("admits a configured key in the HTTP request's headers", () => {
      const call = graphqlCall({ req: { headers: { 'x-api-key': KEY } } });

      expect(guard.canActivate(call)).toBe(true);
    });

    it('admits a configured key in graphql-ws connectionParams, names in any case', () => {
      const overWebSocket = (connectionParams: object) =>
        graphqlCall({ req: { connectionParams, extra: {} } });

      expect(guard.canActivate(overWebSocket({ 'X-API-Key': KEY }))).toBe(true);
      expect(guard.canActivate(overWebSocket({ authorization: `Bearer ${KEY}` }))).toBe(true);
    });

    it('falls back to the WebSocket upgrade request headers without connectionParams', () => {
      const call = graphqlCall({ req: { extra: { request: { headers: { 'x-api-key': KEY } } } } });

      expect(guard.canActivate(call)).toBe(true);
    });

    it('refuses a missing or wrong key', () => {
      expect(refusal(guard, graphqlCall({ req: { headers: {} } }))).toBe(API_KEY_MISSING);
      expect(refusal(guard, graphqlCall({ req: { headers: { 'x-api-key': 'no' } } }))).toBe(
        API_KEY_WRONG,
      );
    });
  });
});
