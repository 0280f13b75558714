import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphqlIdeAssetsController, graphqlIdePlugin } from './graphql-ide';
import type {
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
} from 'graphql';

/** Codes whose message was written for the caller; anything else is our fault and masked. */
const CALLER_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

const logger = new Logger('GraphQL');

/**
 * GraphQL at `/graphql` the same way in every app: code-first schema built in memory, queries
 * and mutations over HTTP, subscriptions over graphql-ws on the same path, no stack traces in
 * answers, and unexpected errors masked (and logged) instead of leaking internals. A browser
 * opening `/graphql` gets the GraphQL IDE (`graphqlIdePlugin`).
 */
@Module({})
export class GraphqlApiModule {
  static forRoot(): DynamicModule {
    return {
      module: GraphqlApiModule,
      controllers: [GraphqlIdeAssetsController],
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          // Our own IDE page (offline) rather than Nest's GraphiQL, which loads from a CDN.
          graphiql: false,
          plugins: [graphqlIdePlugin()],
          // graphql-ws sends its results itself, past Apollo's formatError: mask them too.
          subscriptions: {
            'graphql-ws': {
              onNext: (_context, _id, _payload, _args, result) => maskResult(result),
            },
          },
          includeStacktraceInErrorResponses: false,
          formatError: maskUnexpected,
        }),
      ],
    };
  }
}

/** A subscription's result with its errors masked as HTTP answers are; untouched without. */
function maskResult(result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.length) return;
  return { data: result.data, extensions: result.extensions, errors: result.errors.map(masked) };
}

function masked(error: GraphQLError): GraphQLFormattedError {
  return maskUnexpected(error.toJSON());
}

export function maskUnexpected(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CALLER_CODES.has(code)) return formatted;
  logger.error(`unexpected error at ${formatted.path?.join('.') ?? '?'}: ${formatted.message}`);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
