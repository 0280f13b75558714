import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { Query, Resolver, Subscription } from '@nestjs/graphql';
import { PubSub } from 'graphql-subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AppConfig } from '../config/app.config';
import { InputValidationError } from '../errors/input-validation.error';
import { PlatformModule } from '../platform.module';
import { createTestApp } from '../testing/create-test-app';
import { GraphqlApiModule } from './graphql-api.module';

const ticks = new PubSub();

@Resolver()
class TicksResolver {
  @Query(() => String)
  hello(): string {
    return 'hello';
  }

  /** Fails on every tick the way a bug would, with internals in its message. */
  @Subscription(() => String, {
    resolve: () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 (user app, password s3cret)');
    },
  })
  broken(): AsyncIterator<unknown> {
    return ticks.asyncIterableIterator('tick');
  }

  /** Refuses the subscription the caller's way: the message is meant for them. */
  @Subscription(() => String)
  refused(): AsyncIterator<unknown> {
    throw InputValidationError.of('since', 'must be in the past');
  }
}

class SpecConfig extends AppConfig {}

@Module({
  imports: [
    PlatformModule.forApp({ name: 'graphql-spec', config: SpecConfig }),
    GraphqlApiModule.forRoot(),
  ],
  providers: [TicksResolver],
})
class GraphqlSpecModule {}

/** The first answer a graphql-ws subscription gets after a tick is published. */
async function firstAnswer(url: string, query: string): Promise<unknown> {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query },
        { next: resolve, error: reject, complete: () => reject(new Error('completed')) },
      );
      // Publish until the server's subscription is live and a tick reaches it.
      const timer = setInterval(() => void ticks.publish('tick', {}), 50);
      client.on('closed', () => clearInterval(timer));
      setTimeout(() => clearInterval(timer), 5000).unref();
    });
  } finally {
    await client.dispose();
  }
}

describe('GraphqlApiModule subscriptions (graphql-ws)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await createTestApp(GraphqlSpecModule);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    url = `ws://127.0.0.1:${port}/graphql`;
  });

  afterAll(() => app.close());

  it('masks an unexpected error as HTTP answers do, without its internals', async () => {
    const answer = await firstAnswer(url, 'subscription { broken }');

    expect(answer).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error',
          path: ['broken'],
          locations: [{ line: 1, column: 16 }],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(JSON.stringify(answer)).not.toContain('s3cret');
  });

  it('keeps an error meant for the caller, with the field and the reason', async () => {
    const answer = (await firstAnswer(url, 'subscription { refused }')) as {
      errors: { message: string; extensions: { code: string } }[];
    };

    expect(answer.errors[0].message).toContain('since: must be in the past');
    expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
