import { ConflictError, InputValidationError, NotFoundError } from '@app/platform';
import { status } from '@grpc/grpc-js';
import { Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';

/** What grpc-js turns into the call's status: a code and the details text. */
export interface GrpcStatusError {
  readonly code: status;
  readonly message: string;
}

/**
 * Answers every error of a gRPC handler with a proper status: bad input is
 * INVALID_ARGUMENT with its fields and reasons in the details, and anything unexpected is
 * INTERNAL without internals (logged here instead), never grpc-js's bare UNKNOWN.
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('EventHubGrpc');

  catch(error: unknown): Observable<never> {
    const answer = this.toStatus(error);
    return throwError(() => answer);
  }

  private toStatus(error: unknown): GrpcStatusError {
    if (error instanceof InputValidationError) {
      return { code: status.INVALID_ARGUMENT, message: error.message };
    }
    if (error instanceof NotFoundError) return { code: status.NOT_FOUND, message: error.message };
    if (error instanceof ConflictError) {
      return { code: status.ALREADY_EXISTS, message: error.message };
    }
    if (error instanceof RpcException) {
      const answer = error.getError();
      if (typeof answer === 'object' && answer !== null && 'code' in answer) {
        return answer as GrpcStatusError;
      }
      return { code: status.UNKNOWN, message: String(error.message) };
    }
    this.logger.error(
      `gRPC call failed: ${(error as Error)?.message ?? String(error)}`,
      (error as Error)?.stack,
    );
    return { code: status.INTERNAL, message: 'Internal error' };
  }
}
