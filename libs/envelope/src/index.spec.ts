import {
  EnvelopeValidationError,
  EventNameError,
  assertEventType,
  assertTopicName,
  createEnvelope,
  deadLetterTopic,
  deserializeEnvelope,
  fromKafkaMessage,
  serializeEnvelope,
  toKafkaMessage,
  validateEnvelope,
} from '@app/envelope';

describe('@app/envelope', () => {
  it('takes an event from creation through JSON and Kafka and back', () => {
    assertTopicName('user_events');
    assertEventType('USER_CREATED');
    const event = createEnvelope({ type: 'USER_CREATED', source: '/shop', data: { id: 1 } });
    const fromJson = deserializeEnvelope(serializeEnvelope(event));
    expect(fromKafkaMessage(toKafkaMessage(fromJson))).toEqual(validateEnvelope(event));
    expect(deadLetterTopic('user_events')).toBe('user_events.dlq');
  });

  it('exports its error classes for instanceof checks', () => {
    expect(() => assertTopicName('UserEvents')).toThrow(EventNameError);
    expect(() => validateEnvelope({})).toThrow(EnvelopeValidationError);
  });
});
