import { InputValidationError } from '@app/platform';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { USER_ID_MAX_LENGTH } from '../publish/event-value';

/**
 * Who is acting: the `X-User-Id` request header, which becomes the `userId` of the events
 * the request emits and so of their audit entries. This app has no authentication of its
 * own: whatever sits in front of it (a gateway that checked the caller's token) sets the
 * header. Without it the actor is `system`.
 */
export const ACTING_USER_HEADER = 'X-User-Id';
export const DEFAULT_ACTING_USER = 'system';

export const ActingUser = createParamDecorator((_: unknown, context: ExecutionContext) =>
  actingUserOf(context.switchToHttp().getRequest<Request>().headers['x-user-id']),
);

export function actingUserOf(header: string | string[] | undefined): string {
  if (header === undefined) return DEFAULT_ACTING_USER;
  if (Array.isArray(header)) {
    throw InputValidationError.of(ACTING_USER_HEADER, 'must be sent once');
  }
  const userId = header.trim();
  if (userId === '') throw InputValidationError.of(ACTING_USER_HEADER, 'must not be empty');
  if (userId.length > USER_ID_MAX_LENGTH) {
    throw InputValidationError.of(
      ACTING_USER_HEADER,
      `must be at most ${USER_ID_MAX_LENGTH} characters`,
    );
  }
  return userId;
}
