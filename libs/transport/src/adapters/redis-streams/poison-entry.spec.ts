import { EnvelopeValidationError } from '@app/envelope';
import { POISON_HANDLER_NAME, poisonDeadLetterFields } from './poison-entry';

describe('poisonDeadLetterFields', () => {
  const failedAt = new Date('2026-11-23T10:00:00.000Z');

  it('keeps the entry’s own fields and adds the failure like the deadLetter middleware', () => {
    const entry = {
      id: '1700000000000-0',
      fields: new Map([
        ['envelope', '{"not":"an event"}'],
        ['dlqerror', 'forged by the producer'],
      ]),
    };
    const error = new EnvelopeValidationError('specversion', 'is required');
    const fields = poisonDeadLetterFields(entry, {
      topic: 'user_events',
      group: 'audit',
      deliveryAttempt: 1,
      error,
      failedAt,
    });

    const byName = new Map<string, string>();
    for (let i = 0; i < fields.length; i += 2) byName.set(fields[i], fields[i + 1]);
    expect(fields).toHaveLength(byName.size * 2);
    expect(Object.fromEntries(byName)).toEqual({
      envelope: '{"not":"an event"}',
      dlqerror: error.message,
      dlqerrortype: error.name,
      dlqtopic: 'user_events',
      dlqgroup: 'audit',
      dlqhandler: POISON_HANDLER_NAME,
      dlqattempts: '0',
      dlqdeliveryattempt: '1',
      dlqfailedat: '2026-11-23T10:00:00.000Z',
      dlqoffset: '1700000000000-0',
    });
  });

  it('cuts a long error message, as the middleware does', () => {
    const fields = poisonDeadLetterFields(
      { id: '1-0', fields: new Map() },
      { topic: 't', group: 'g', deliveryAttempt: 2, error: 'x'.repeat(5000), failedAt },
    );
    expect(fields[fields.indexOf('dlqerror') + 1]).toHaveLength(2048);
    expect(fields[fields.indexOf('dlqerrortype') + 1]).toBe('string');
  });
});
