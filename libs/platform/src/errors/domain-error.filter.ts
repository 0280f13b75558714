import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { ConflictError } from './conflict.error';
import { InputValidationError } from './input-validation.error';
import { NotFoundError } from './not-found.error';

type DomainError = InputValidationError | NotFoundError | ConflictError;

/**
 * Turns the domain's input, lookup and conflict errors into each protocol's own answer, so
 * services throw one error type and never know who called them.
 */
@Catch(InputValidationError, NotFoundError, ConflictError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    const type = host.getType<'http' | 'graphql' | 'rpc' | 'ws'>();
    if (type === 'graphql') return toGraphqlError(error);
    if (type === 'http') {
      const { status, body } = toHttpAnswer(error);
      host.switchToHttp().getResponse<Response>().status(status).json(body);
      return undefined;
    }
    // Other transports (microservices) map errors of their own; let them see the original.
    throw error;
  }
}

export function toGraphqlError(error: DomainError): GraphQLError {
  if (error instanceof NotFoundError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'NOT_FOUND', entity: error.entity, key: error.key },
    });
  }
  if (error instanceof ConflictError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'CONFLICT', entity: error.entity, field: error.field },
    });
  }
  return new GraphQLError(`Invalid input: ${error.message}`, {
    extensions: { code: 'BAD_USER_INPUT', violations: error.violations },
  });
}

export function toHttpAnswer(error: DomainError): { status: number; body: object } {
  if (error instanceof NotFoundError) {
    return {
      status: HttpStatus.NOT_FOUND,
      body: { statusCode: 404, error: 'Not Found', message: error.message },
    };
  }
  if (error instanceof ConflictError) {
    return {
      status: HttpStatus.CONFLICT,
      body: { statusCode: 409, error: 'Conflict', message: error.message, field: error.field },
    };
  }
  return {
    status: HttpStatus.BAD_REQUEST,
    body: {
      statusCode: 400,
      error: 'Bad Request',
      message: error.message,
      violations: error.violations,
    },
  };
}
