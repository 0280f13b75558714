import { createEnvelope } from './create-envelope';
import { EnvelopeValidationError } from './envelope-validation.error';
import { validateEnvelope } from './validate-envelope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const userCreated = {
  type: 'USER_CREATED',
  source: '/handler-router',
  data: { userId: 42 },
};

describe('createEnvelope', () => {
  describe('fills the defaults', () => {
    it('makes a CloudEvents 1.0 JSON event with a random UUID id', () => {
      const event = createEnvelope(userCreated);
      expect(event).toMatchObject({
        specversion: '1.0',
        type: 'USER_CREATED',
        source: '/handler-router',
        datacontenttype: 'application/json',
        data: { userId: 42 },
      });
      expect(event.id).toMatch(UUID);
      expect(createEnvelope(userCreated).id).not.toBe(event.id);
    });

    it('stamps the current time as RFC 3339 in UTC', () => {
      const before = Date.now();
      const event = createEnvelope(userCreated);
      expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(event.time)).toBeLessThanOrEqual(Date.now());
    });

    it('starts a new flow: the correlation id is the event id, and nothing caused it', () => {
      const event = createEnvelope(userCreated);
      expect(event.correlationid).toBe(event.id);
      expect(event).not.toHaveProperty('causationid');
    });

    it('partitions by subject, so events about one thing stay in order', () => {
      expect(createEnvelope({ ...userCreated, subject: 'user-42' }).partitionkey).toBe('user-42');
    });

    it('partitions by id when there is no subject', () => {
      const event = createEnvelope(userCreated);
      expect(event.partitionkey).toBe(event.id);
      expect(event).not.toHaveProperty('subject');
    });
  });

  describe('takes what the producer gives', () => {
    it('uses the given id, time, subject, correlation id and partition key', () => {
      const event = createEnvelope({
        ...userCreated,
        id: 'evt-1',
        time: '2024-05-01T14:00:00+02:00',
        subject: 'user-42',
        correlationId: 'request-7',
        partitionKey: 'tenant-3',
      });
      expect(event).toMatchObject({
        id: 'evt-1',
        time: '2024-05-01T14:00:00+02:00',
        subject: 'user-42',
        correlationid: 'request-7',
        partitionkey: 'tenant-3',
      });
    });

    it('accepts the time as a Date', () => {
      const time = new Date('2024-05-01T12:00:00.000Z');
      expect(createEnvelope({ ...userCreated, time }).time).toBe('2024-05-01T12:00:00.000Z');
    });
  });

  describe('chains causation', () => {
    const cause = createEnvelope({ ...userCreated, correlationId: 'signup-flow' });

    it('records the cause and joins its flow', () => {
      const effect = createEnvelope({
        type: 'CLAIM_ADDED',
        source: '/handler-router',
        data: {},
        causedBy: cause,
      });
      expect(effect.causationid).toBe(cause.id);
      expect(effect.correlationid).toBe('signup-flow');
    });

    it('keeps one correlation id along a chain of three events', () => {
      const second = createEnvelope({ ...userCreated, type: 'CLAIM_ADDED', causedBy: cause });
      const third = createEnvelope({ ...userCreated, type: 'CLAIM_REMOVED', causedBy: second });
      expect(third.correlationid).toBe('signup-flow');
      expect(third.causationid).toBe(second.id);
    });

    it('lets an explicit correlation id win over the cause', () => {
      const effect = createEnvelope({
        ...userCreated,
        causedBy: cause,
        correlationId: 'other-flow',
      });
      expect(effect.correlationid).toBe('other-flow');
      expect(effect.causationid).toBe(cause.id);
    });
  });

  it('returns a frozen envelope', () => {
    const event = createEnvelope(userCreated);
    expect(Object.isFrozen(event)).toBe(true);
    expect(() => {
      (event as { type: string }).type = 'CHANGED';
    }).toThrow(TypeError);
  });

  it('is not checked again on its way out, while a copy of it is', () => {
    const event = createEnvelope(userCreated);
    // Frozen and valid: validation hands it back as it is.
    expect(validateEnvelope(event)).toBe(event);
    const copy = { ...event };
    expect(validateEnvelope(copy)).not.toBe(copy);
    expect(() => validateEnvelope({ ...event, source: 'not a uri' })).toThrow(
      expect.objectContaining({ attribute: 'source' }),
    );
  });

  describe('refuses to make an invalid event', () => {
    it('rejects a type that is not UPPER_SNAKE, with a suggestion', () => {
      expect(() => createEnvelope({ ...userCreated, type: 'userCreated' })).toThrow(
        new EnvelopeValidationError(
          'type',
          'must be UPPER_SNAKE (like USER_CREATED), got "userCreated": did you mean "USER_CREATED"?',
        ),
      );
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an empty source', { source: '' }, 'source'],
      ['an invalid Date', { time: new Date('not a date') }, 'time'],
      ['undefined data', { data: undefined }, 'data'],
      ['an empty subject', { subject: '' }, 'subject'],
      ['an empty correlation id', { correlationId: '' }, 'correlationid'],
    ])('rejects %s, naming the attribute', (_case, override, attribute) => {
      expect(() => createEnvelope({ ...userCreated, ...override })).toThrow(
        expect.objectContaining({ name: 'EnvelopeValidationError', attribute }),
      );
    });
  });
});
