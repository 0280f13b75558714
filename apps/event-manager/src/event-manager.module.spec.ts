import { validateConfig } from '@app/platform';
import { EventManagerConfig } from './event-manager.config';
import { EventManagerModule } from './event-manager.module';

describe('EventManagerModule.forConfig', () => {
  it.each(['api', 'consumer'])(
    'refuses ROLE=%s on the in-memory bus, where the other half could never see its events',
    (role) => {
      const config = validateConfig(EventManagerConfig, { ROLE: role });

      expect(() => EventManagerModule.forConfig(config)).toThrow(
        `ROLE=${role} runs one part of event-manager, which needs a shared event bus`,
      );
    },
  );

  it.each(['all', 'api', 'consumer'])('accepts ROLE=%s with Kafka', (role) => {
    const config = validateConfig(EventManagerConfig, {
      ROLE: role,
      KAFKA_BROKERS: '127.0.0.1:9092',
    });

    expect(EventManagerModule.forConfig(config)).toMatchObject({ module: EventManagerModule });
  });

  it('names ROLE when it is not one of all, api, consumer', () => {
    expect(() => validateConfig(EventManagerConfig, { ROLE: 'worker' })).toThrow(
      /ROLE must be one of/,
    );
  });
});
