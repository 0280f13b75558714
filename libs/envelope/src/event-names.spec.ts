import { EventNameError } from './event-name.error';
import {
  assertEventType,
  assertTopicName,
  deadLetterTopic,
  isDeadLetterTopic,
  isEventType,
  isTopicName,
} from './event-names';

function errorFrom(action: () => void): EventNameError {
  try {
    action();
  } catch (error) {
    if (error instanceof EventNameError) return error;
    throw error;
  }
  throw new Error('expected an EventNameError, but nothing was thrown');
}

describe('event names', () => {
  describe('event types are UPPER_SNAKE', () => {
    it.each(['USER_CREATED', 'CLAIM_ADDED', 'CLAIM_REMOVED', 'PING', 'ORDER_V2', 'A1_B2'])(
      'accepts %s',
      (name) => {
        expect(isEventType(name)).toBe(true);
        expect(() => assertEventType(name)).not.toThrow();
      },
    );

    it.each([
      ['userCreated', 'USER_CREATED'],
      ['UserCreated', 'USER_CREATED'],
      ['user-created', 'USER_CREATED'],
      ['user.created', 'USER_CREATED'],
      ['user_created', 'USER_CREATED'],
      ['USER__CREATED', 'USER_CREATED'],
      ['_USER_CREATED', 'USER_CREATED'],
      ['USER_CREATED_', 'USER_CREATED'],
      ['HTTPRequestFailed', 'HTTP_REQUEST_FAILED'],
    ])('rejects %s and suggests %s', (name, suggestion) => {
      expect(isEventType(name)).toBe(false);
      const error = errorFrom(() => assertEventType(name));
      expect(error.suggestion).toBe(suggestion);
      expect(error.message).toBe(
        `event type "${name}" must be UPPER_SNAKE (like USER_CREATED): did you mean "${suggestion}"?`,
      );
    });

    it('names the thing, the rule and the value in one sentence', () => {
      expect(() => assertEventType('userCreated')).toThrow(
        'event type "userCreated" must be UPPER_SNAKE (like USER_CREATED): did you mean "USER_CREATED"?',
      );
    });

    it('offers no suggestion when no UPPER_SNAKE name can be derived', () => {
      const error = errorFrom(() => assertEventType('1ST_LOGIN'));
      expect(error.suggestion).toBeUndefined();
      expect(error.message).toBe('event type "1ST_LOGIN" must be UPPER_SNAKE (like USER_CREATED)');
      expect(errorFrom(() => assertEventType('')).message).toBe(
        'event type "" must be UPPER_SNAKE (like USER_CREATED)',
      );
    });

    it('rejects a value that is not a string, saying what it got', () => {
      expect(isEventType(42)).toBe(false);
      expect(errorFrom(() => assertEventType(42)).message).toBe(
        'event type 42 must be UPPER_SNAKE (like USER_CREATED)',
      );
      expect(errorFrom(() => assertEventType(undefined)).message).toBe(
        'event type undefined must be UPPER_SNAKE (like USER_CREATED)',
      );
    });

    it('reports the kind and the bad value on the error', () => {
      const error = errorFrom(() => assertEventType('userCreated'));
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('EventNameError');
      expect(error.kind).toBe('event type');
      expect(error.value).toBe('userCreated');
    });
  });

  describe('topics are lower_snake', () => {
    it.each(['user_events', 'claim_events', 'role_events', 'events', 'v2_events'])(
      'accepts %s',
      (name) => {
        expect(isTopicName(name)).toBe(true);
        expect(() => assertTopicName(name)).not.toThrow();
      },
    );

    it('accepts a topic with the dead-letter suffix', () => {
      expect(isTopicName('user_events.dlq')).toBe(true);
      expect(() => assertTopicName('user_events.dlq')).not.toThrow();
    });

    it.each([
      ['UserEvents', 'user_events'],
      ['user-events', 'user_events'],
      ['userEvents', 'user_events'],
      ['USER_EVENTS', 'user_events'],
      ['user.events', 'user_events'],
      ['user__events', 'user_events'],
      ['user-events.dlq', 'user_events.dlq'],
      ['user_events.DLQ', 'user_events.dlq'],
    ])('rejects %s and suggests %s', (name, suggestion) => {
      expect(isTopicName(name)).toBe(false);
      expect(errorFrom(() => assertTopicName(name)).message).toBe(
        `topic "${name}" must be lower_snake (like user_events), optionally followed by ".dlq": did you mean "${suggestion}"?`,
      );
    });

    it('rejects the dead-letter suffix twice or alone', () => {
      expect(isTopicName('user_events.dlq.dlq')).toBe(false);
      expect(isTopicName('.dlq')).toBe(false);
      expect(errorFrom(() => assertTopicName('.dlq')).suggestion).toBeUndefined();
    });

    it('rejects a value that is not a string', () => {
      expect(isTopicName(null)).toBe(false);
      expect(errorFrom(() => assertTopicName(null)).message).toBe(
        'topic null must be lower_snake (like user_events), optionally followed by ".dlq"',
      );
    });
  });

  describe('dead-letter topics', () => {
    it('appends .dlq to a topic', () => {
      expect(deadLetterTopic('user_events')).toBe('user_events.dlq');
    });

    it('tells a dead-letter topic from a plain one', () => {
      expect(isDeadLetterTopic('user_events.dlq')).toBe(true);
      expect(isDeadLetterTopic('user_events')).toBe(false);
      expect(isDeadLetterTopic('User.dlq')).toBe(false);
    });

    it('refuses a topic that breaks the rules, with the usual suggestion', () => {
      expect(() => deadLetterTopic('UserEvents')).toThrow(
        'topic "UserEvents" must be lower_snake (like user_events), optionally followed by ".dlq": did you mean "user_events"?',
      );
    });

    it('refuses to give a dead-letter topic a dead-letter topic of its own', () => {
      expect(() => deadLetterTopic('user_events.dlq')).toThrow(
        'topic "user_events.dlq" is already a dead-letter topic, and dead-letter topics have no dead-letter topic of their own',
      );
    });
  });
});
