import { type ArgumentsHost, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { maskUnexpected } from '../graphql/graphql-api.module';
import { ConflictError } from './conflict.error';
import { DomainErrorFilter } from './domain-error.filter';
import { InputValidationError } from './input-validation.error';
import { NotFoundError } from './not-found.error';

function host(type: string, response?: { status: jest.Mock; json: jest.Mock }): ArgumentsHost {
  return {
    getType: () => type,
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

function httpResponse() {
  const response = { status: jest.fn(), json: jest.fn() };
  response.status.mockReturnValue(response);
  return response;
}

describe('DomainErrorFilter', () => {
  const filter = new DomainErrorFilter();
  const invalid = InputValidationError.of('source', 'must be one of: users, products');
  const missing = new NotFoundError('event', '6a1b…');
  const taken = new ConflictError('user', 'username', 'ada');

  it('answers GraphQL with BAD_USER_INPUT and the violations', () => {
    const error = filter.catch(invalid, host('graphql'));

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({
      message: 'Invalid input: source: must be one of: users, products',
      extensions: {
        code: 'BAD_USER_INPUT',
        violations: [{ field: 'source', reason: 'must be one of: users, products' }],
      },
    });
  });

  it('answers GraphQL with NOT_FOUND for a missing entity', () => {
    expect(filter.catch(missing, host('graphql'))).toMatchObject({
      message: 'event 6a1b… does not exist',
      extensions: { code: 'NOT_FOUND', entity: 'event', key: '6a1b…' },
    });
  });

  it('answers GraphQL with CONFLICT and the field for a clash with what is stored', () => {
    expect(filter.catch(taken, host('graphql'))).toMatchObject({
      message: 'user with username "ada" already exists',
      extensions: { code: 'CONFLICT', entity: 'user', field: 'username' },
    });
  });

  it('answers HTTP with 409 and the field for a clash with what is stored', () => {
    const clash = httpResponse();

    filter.catch(taken, host('http', clash));

    expect(clash.status).toHaveBeenCalledWith(409);
    expect(clash.json).toHaveBeenCalledWith({
      statusCode: 409,
      error: 'Conflict',
      message: 'user with username "ada" already exists',
      field: 'username',
    });
  });

  it('answers HTTP with 400 and the violations, or 404', () => {
    const bad = httpResponse();
    const gone = httpResponse();

    filter.catch(invalid, host('http', bad));
    filter.catch(missing, host('http', gone));

    expect(bad.status).toHaveBeenCalledWith(400);
    expect(bad.json).toHaveBeenCalledWith(
      expect.objectContaining({ statusCode: 400, violations: invalid.violations }),
    );
    expect(gone.status).toHaveBeenCalledWith(404);
  });

  it('leaves other transports to map the error themselves', () => {
    expect(() => filter.catch(invalid, host('rpc'))).toThrow(invalid);
  });
});

describe('maskUnexpected (GraphQL formatError)', () => {
  it("keeps errors written for the caller and masks (and logs) everything else's message", () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const input = { message: 'Invalid input: x', extensions: { code: 'BAD_USER_INPUT' } };
    const internal = {
      message: 'SQLITE_BUSY: database is locked',
      path: ['createEvent'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };

    const conflict = {
      message: 'user with username "ada" already exists',
      extensions: { code: 'CONFLICT' },
    };
    expect(maskUnexpected(input)).toBe(input);
    expect(maskUnexpected(conflict)).toBe(conflict);
    expect(maskUnexpected(internal)).toEqual({
      message: 'Internal server error',
      path: ['createEvent'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toHaveBeenCalledWith(
      'unexpected error at createEvent: SQLITE_BUSY: database is locked',
    );
    logged.mockRestore();
  });
});
