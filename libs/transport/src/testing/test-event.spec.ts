import { isTopicName, validateEnvelope } from '@app/envelope';
import { toDeadLetteredEvent } from '../middleware/dead-letter.attributes';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';

// What the contract suites send must pass the envelope rules, or the Kafka adapter (which
// validates before producing) could not run them.
describe('transport test fixtures', () => {
  it('testEvent() builds a valid envelope', () => {
    expect(validateEnvelope(testEvent({ subject: 's', causationid: 'c' }))).toBeDefined();
  });

  it('a dead-lettered event is still a valid envelope', () => {
    const dead = toDeadLetteredEvent(testEvent(), {
      error: 'boom',
      errorType: 'Error',
      topic: 'orders',
      group: 'billing',
      handler: 'billing_handler',
      attempts: 3,
      deliveryAttempt: 1,
      failedAt: new Date().toISOString(),
    });
    expect(validateEnvelope(dead)).toEqual(dead);
  });

  it('uniqueName() makes valid topic names, dead-letter topics included', () => {
    const name = uniqueName('late_group');
    expect(isTopicName(name)).toBe(true);
    expect(isTopicName(`${name}.dlq`)).toBe(true);
  });
});
