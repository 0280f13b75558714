import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  type ApiResponseExamples,
} from '@nestjs/swagger';
import { ConflictDoc, ERROR_MODELS, InvalidInputDoc, NotFoundDoc } from './shop-errors.openapi';

// The answers each kind of route documents, put together once so that every route of a kind
// says the same thing. Bodies and queries are `unknown` in the controllers (the commands and
// queries check them), so their schemas are given here rather than read from parameter types.

type Examples = Record<string, ApiResponseExamples>;

export interface CommandRouteDoc {
  readonly summary: string;
  readonly description: string;
  readonly body: Type<unknown>;
  readonly examples: Examples;
  readonly accepted: Type<unknown>;
  readonly badInput: Examples;
  /** When the command names something that must exist. */
  readonly notFound?: Examples;
  /** When the command can clash with what the shop holds. */
  readonly conflict?: Examples;
}

/** A command: 202 with the new ids once its event is published, or 400/404/409. */
export function ApiCommandRoute(doc: CommandRouteDoc): MethodDecorator {
  const decorators = [
    ApiExtraModels(...ERROR_MODELS),
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiBody({ type: doc.body, examples: doc.examples }),
    ApiAcceptedResponse({
      type: doc.accepted,
      description:
        'Accepted: the event is published. The stores show it once the projector has handled it, usually within milliseconds.',
    }),
    ApiBadRequestResponse({
      type: InvalidInputDoc,
      description: 'Bad input, or a body that is not JSON: nothing was published.',
      examples: doc.badInput,
    }),
  ];
  if (doc.notFound) {
    decorators.push(
      ApiNotFoundResponse({
        type: NotFoundDoc,
        description: 'Something the body names does not exist (yet): nothing was published.',
        examples: doc.notFound,
      }),
    );
  }
  if (doc.conflict) {
    decorators.push(
      ApiConflictResponse({
        type: ConflictDoc,
        description: 'It clashes with what the shop holds: nothing was published.',
        examples: doc.conflict,
      }),
    );
  }
  return applyDecorators(...decorators);
}

export interface ListRouteDoc {
  readonly summary: string;
  readonly description?: string;
  readonly page: Type<unknown>;
}

/** A list: `limit` and `offset` (numbers as text, checked by the queries), 200 or 400. */
export function ApiListRoute(doc: ListRouteDoc): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(...ERROR_MODELS),
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiQuery({
      name: 'limit',
      required: false,
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'How many to answer (1 to 100, 20 when absent).',
      example: 20,
    }),
    ApiQuery({
      name: 'offset',
      required: false,
      type: 'integer',
      minimum: 0,
      description: 'How many to skip first (0 when absent).',
      example: 0,
    }),
    ApiOkResponse({ type: doc.page, description: 'One page, and the size of the whole list.' }),
    ApiBadRequestResponse({
      type: InvalidInputDoc,
      description: 'A query parameter out of range or not a number.',
      examples: {
        limit: {
          summary: 'limit out of range',
          value: {
            statusCode: 400,
            error: 'Bad Request',
            message: 'limit: must not be greater than 100',
            violations: [{ field: 'limit', reason: 'must not be greater than 100' }],
          },
        },
      },
    }),
  );
}

export interface ReadRouteDoc {
  readonly summary: string;
  readonly description?: string;
  readonly param: string;
  readonly example: string;
  readonly model: Type<unknown>;
  readonly found: string;
  readonly notFound: string;
}

/** One entity by its id: 200, or 404 while the shop does not know it. */
export function ApiReadRoute(doc: ReadRouteDoc): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(...ERROR_MODELS),
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiParam({ name: doc.param, format: 'uuid', example: doc.example }),
    ApiOkResponse({ type: doc.model, description: doc.found }),
    ApiNotFoundResponse({ type: NotFoundDoc, description: doc.notFound }),
  );
}

/** An error body as DomainErrorFilter writes it, for the examples. */
export function invalid(field: string, reason: string): object {
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${reason}`,
    violations: [{ field, reason }],
  };
}

export function notFound(entity: string, key: string): object {
  return { statusCode: 404, error: 'Not Found', message: `${entity} ${key} does not exist` };
}

export function conflict(message: string, field: string): object {
  return { statusCode: 409, error: 'Conflict', message, field };
}
