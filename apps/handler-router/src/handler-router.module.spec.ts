import { validateConfig } from '@app/platform';
import { HandlerRouterConfig } from './handler-router.config';
import { HandlerRouterModule } from './handler-router.module';

describe('HandlerRouterModule.forConfig', () => {
  it.each(['api', 'router'])('refuses ROLE=%s on the in-memory bus', (role) => {
    const config = validateConfig(HandlerRouterConfig, { ROLE: role });

    expect(() => HandlerRouterModule.forConfig(config)).toThrow(
      `ROLE=${role} runs one part of handler-router, which needs a shared event bus`,
    );
  });

  it.each(['all', 'api', 'router'])('accepts ROLE=%s with Kafka', (role) => {
    const config = validateConfig(HandlerRouterConfig, {
      ROLE: role,
      KAFKA_BROKERS: '127.0.0.1:9092',
    });

    expect(HandlerRouterModule.forConfig(config)).toMatchObject({ module: HandlerRouterModule });
  });

  it('names ROUTER_BATCH_SIZE when it is out of range', () => {
    expect(() => validateConfig(HandlerRouterConfig, { ROUTER_BATCH_SIZE: '0' })).toThrow(
      /ROUTER_BATCH_SIZE must not be less than 1/,
    );
  });
});
