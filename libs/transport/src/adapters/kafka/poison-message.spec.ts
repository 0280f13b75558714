import { EnvelopeValidationError } from '@app/envelope';
import type { KafkaMessage } from 'kafkajs';
import { POISON_HANDLER_NAME, poisonDeadLetter } from './poison-message';

describe('poisonDeadLetter', () => {
  const message: KafkaMessage = {
    key: Buffer.from('user-42'),
    value: Buffer.from('not json at all'),
    timestamp: '1000',
    attributes: 0,
    offset: '17',
    headers: { 'trace-id': Buffer.from('abc'), CE_DLQERROR: Buffer.from('stale') },
  };
  const failure = {
    topic: 'user_events',
    group: 'audit',
    partition: 2,
    offset: '17',
    deliveryAttempt: 1,
    error: new EnvelopeValidationError(
      'specversion',
      'is required',
      'Kafka header "ce_specversion"',
    ),
    failedAt: new Date('2024-05-01T12:00:00Z'),
  };

  it('keeps the original bytes and adds the failure as ce_dlq* headers', () => {
    const deadLetter = poisonDeadLetter(message, failure);
    expect(deadLetter.key).toEqual(message.key);
    expect(deadLetter.value).toEqual(message.value);
    expect(deadLetter.timestamp).toBeUndefined();
    expect(deadLetter.headers).toEqual({
      'trace-id': Buffer.from('abc'),
      ce_dlqerror:
        'Invalid event envelope: "specversion" (from Kafka header "ce_specversion") is required',
      ce_dlqerrortype: 'EnvelopeValidationError',
      ce_dlqtopic: 'user_events',
      ce_dlqgroup: 'audit',
      ce_dlqhandler: POISON_HANDLER_NAME,
      ce_dlqattempts: '0',
      ce_dlqdeliveryattempt: '1',
      ce_dlqfailedat: '2024-05-01T12:00:00.000Z',
      ce_dlqpartition: '2',
      ce_dlqoffset: '17',
    });
  });

  it('cuts long error messages and describes non-Error throws', () => {
    const deadLetter = poisonDeadLetter(message, { ...failure, error: 'x'.repeat(5000) });
    expect(deadLetter.headers?.ce_dlqerror).toHaveLength(2048);
    expect(deadLetter.headers?.ce_dlqerrortype).toBe('string');
  });
});
