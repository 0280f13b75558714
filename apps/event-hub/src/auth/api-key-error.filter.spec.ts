import { status } from '@grpc/grpc-js';
import type { ArgumentsHost } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { firstValueFrom, type Observable } from 'rxjs';
import { ApiKeyErrorFilter, WWW_AUTHENTICATE } from './api-key-error.filter';
import { API_KEY_WRONG, ApiKeyRefusedError } from './api-key-refused.error';

function host(type: string, response?: object): ArgumentsHost {
  return {
    getType: () => type,
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('ApiKeyErrorFilter', () => {
  const filter = new ApiKeyErrorFilter();
  const refused = new ApiKeyRefusedError(API_KEY_WRONG);

  it('answers HTTP with 401, WWW-Authenticate and the reason', () => {
    const response = { setHeader: jest.fn(), status: jest.fn(), json: jest.fn() };
    response.setHeader.mockReturnValue(response);
    response.status.mockReturnValue(response);

    filter.catch(refused, host('http', response));

    expect(response.setHeader).toHaveBeenCalledWith('WWW-Authenticate', WWW_AUTHENTICATE);
    expect(response.status).toHaveBeenCalledWith(401);
    expect(response.json).toHaveBeenCalledWith({
      statusCode: 401,
      error: 'Unauthorized',
      message: API_KEY_WRONG,
    });
  });

  it('answers GraphQL with code UNAUTHENTICATED', () => {
    const error = filter.catch(refused, host('graphql'));

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({
      message: API_KEY_WRONG,
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('answers gRPC with status UNAUTHENTICATED', async () => {
    const answer = filter.catch(refused, host('rpc')) as Observable<never>;

    await expect(firstValueFrom(answer)).rejects.toEqual({
      code: status.UNAUTHENTICATED,
      message: API_KEY_WRONG,
    });
  });
});
