import { EnvelopeValidationError } from './envelope-validation.error';

describe('EnvelopeValidationError', () => {
  const error = new EnvelopeValidationError('type', 'must be UPPER_SNAKE (like USER_CREATED)');

  it('names the attribute and the rule in its message', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EnvelopeValidationError');
    expect(error.message).toBe(
      'Invalid event envelope: "type" must be UPPER_SNAKE (like USER_CREATED)',
    );
  });

  it('says where the attribute was read from, keeping attribute and rule', () => {
    const located = error.at('Kafka header "ce_type"');
    expect(located).toMatchObject({
      attribute: 'type',
      rule: 'must be UPPER_SNAKE (like USER_CREATED)',
      location: 'Kafka header "ce_type"',
    });
    expect(located.message).toBe(
      'Invalid event envelope: "type" (from Kafka header "ce_type") must be UPPER_SNAKE (like USER_CREATED)',
    );
    expect(error.location).toBeUndefined();
  });
});
