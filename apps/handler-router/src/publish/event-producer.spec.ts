import type { EventEnvelope } from '@app/envelope';
import type { EventRouter, Registration } from '@app/transport/routing';
import type { ModuleRef } from '@nestjs/core';
import { InputValidationError } from '@app/platform';
import { EventProducer, HANDLER_ROUTER_SOURCE } from './event-producer';

const registered = (topic: string, type: string): Registration => ({
  topic,
  type,
  handlerName: `${type}Handler`,
  handler: { execute: () => undefined },
});

describe('EventProducer', () => {
  let publish: jest.Mock<Promise<void>, [string, EventEnvelope | readonly EventEnvelope[]]>;
  let producer: EventProducer;

  beforeEach(() => {
    publish = jest.fn((_topic, _events) => Promise.resolve());
    const router: Pick<EventRouter, 'registrations'> = {
      registrations: () => [
        registered('role_events', 'CLAIM_ADDED'),
        registered('role_events', 'ROLE_CREATED'),
        registered('user_events', 'USER_CREATED'),
      ],
    };
    const moduleRef = { get: jest.fn(() => router) } as unknown as ModuleRef;
    producer = new EventProducer({ publish }, moduleRef);
  });

  async function violations(run: () => Promise<unknown>): Promise<unknown> {
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputValidationError);
    expect(publish).not.toHaveBeenCalled();
    return (error as InputValidationError).violations;
  }

  it("publishes a CloudEvent with the seed's value, keyed by the role for a claim", async () => {
    const value = { userId: 7, data: { id: 3, roleId: 2 } };

    const event = await producer.emit('role_events', 'CLAIM_ADDED', value);

    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'CLAIM_ADDED',
      source: HANDLER_ROUTER_SOURCE,
      subject: '2',
      partitionkey: '2',
      data: value,
    });
    expect(publish).toHaveBeenCalledWith('role_events', event);
  });

  it('keys an event by data.id by default, by the key given otherwise, and takes the id given', async () => {
    const value = { userId: 'ops', data: { id: 'u-1' } };

    const byId = await producer.emit('user_events', 'USER_CREATED', value);
    const byKey = await producer.emit('user_events', 'USER_CREATED', value, {
      key: 'k',
      id: 'e-1',
    });

    expect(byId.partitionkey).toBe('u-1');
    expect(byKey).toMatchObject({ id: 'e-1', partitionkey: 'k', subject: 'k' });
  });

  it('prepares without publishing', async () => {
    await producer.prepare('user_events', 'USER_CREATED', { userId: 1, data: { id: 1 } });

    expect(publish).not.toHaveBeenCalled();
  });

  it('refuses names that break the naming rules, with the rule and a suggestion', async () => {
    expect(await violations(() => producer.emit('UserEvents', 'USER_CREATED', {}))).toEqual([
      {
        field: 'topic',
        reason: expect.stringMatching(/^"UserEvents" must be lower_snake.*user_events/),
      },
    ]);
    expect(await violations(() => producer.emit('user_events', 'userCreated', {}))).toEqual([
      {
        field: 'event',
        reason: expect.stringMatching(/^"userCreated" must be UPPER_SNAKE.*USER_CREATED/),
      },
    ]);
  });

  it('refuses a (topic, event) no handler is registered for', async () => {
    expect(await violations(() => producer.emit('order_events', 'ORDER_PLACED', {}))).toEqual([
      {
        field: 'topic',
        reason: '"order_events" has no handlers; must be one of: role_events, user_events',
      },
    ]);
    expect(await violations(() => producer.emit('user_events', 'CLAIM_ADDED', {}))).toEqual([
      {
        field: 'event',
        reason: '"CLAIM_ADDED" has no handler on user_events; must be one of: USER_CREATED',
      },
    ]);
  });

  it("refuses a value without the seed's shape or the fields its handler needs", async () => {
    expect(await violations(() => producer.emit('user_events', 'USER_CREATED', 'x'))).toEqual([
      { field: 'value', reason: 'must be a JSON object' },
    ]);
    expect(
      await violations(() =>
        producer.emit('user_events', 'USER_CREATED', { userId: '', data: [] }),
      ),
    ).toEqual([
      {
        field: 'value.userId',
        reason: 'must be a number or a non-empty string of at most 255 characters',
      },
      { field: 'value.data', reason: 'must be an object' },
    ]);
    expect(
      await violations(() =>
        producer.emit('role_events', 'CLAIM_ADDED', { userId: 1, data: { id: 3 } }),
      ),
    ).toEqual([{ field: 'value.data.roleId', reason: 'should not be null or undefined' }]);
  });
});
