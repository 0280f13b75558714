import { InputValidationError, validateInput } from '@app/platform';
import { EventInput } from './event.input';
import { parseEventTimestamp } from './event.rules';

const seed = {
  user_id: 'user123',
  event_type: 'purchase',
  amount: 150.75,
  timestamp: '2024-01-15T10:30:00Z',
};

async function violations(data: object): Promise<readonly { field: string; reason: string }[]> {
  const error = await validateInput(EventInput, data).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  return (error as InputValidationError).violations;
}

describe('EventInput', () => {
  it("accepts the seed's curl body as it is, and an idempotency key", async () => {
    await expect(validateInput(EventInput, seed)).resolves.toEqual(seed);
    await expect(validateInput(EventInput, { ...seed, idempotency_key: 'k-1' })).resolves.toEqual({
      ...seed,
      idempotency_key: 'k-1',
    });
  });

  it('names each bad field with its reason', async () => {
    expect(
      await violations({ user_id: '', event_type: 'gift', amount: '150', timestamp: 'yesterday' }),
    ).toEqual([
      { field: 'user_id', reason: 'should not be empty' },
      { field: 'event_type', reason: 'must be one of: purchase, return, refund' },
      { field: 'amount', reason: 'must be a number with at most 2 decimal places' },
      {
        field: 'timestamp',
        reason:
          'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z (UTC when no offset is given)',
      },
    ]);
  });

  it('names every missing field', async () => {
    expect((await violations({})).map((violation) => violation.field)).toEqual([
      'user_id',
      'event_type',
      'amount',
      'timestamp',
    ]);
  });

  it.each([
    [-1, 'must not be negative (the event_type says refund or return)'],
    [1.005, 'must be a number with at most 2 decimal places'],
    [0.1 + 0.2, 'must be a number with at most 2 decimal places'],
    // No decimal point in its text: class-validator's own check threw a TypeError on it.
    [1e-7, 'must be a number with at most 2 decimal places'],
    [Number.NaN, 'must be a number with at most 2 decimal places'],
    [Number.POSITIVE_INFINITY, 'must be a number with at most 2 decimal places'],
    [1_000_000_000.01, 'must not be greater than 1000000000'],
  ])('refuses amount %p', async (amount, reason) => {
    expect(await violations({ ...seed, amount })).toEqual([{ field: 'amount', reason }]);
  });

  it.each([0, 0.01, 150.75, 1_000_000_000])('accepts amount %p', async (amount) => {
    await expect(validateInput(EventInput, { ...seed, amount })).resolves.toMatchObject({ amount });
  });

  it('limits user_id and idempotency_key to 128 characters', async () => {
    const long = 'x'.repeat(129);
    expect(await violations({ ...seed, user_id: long, idempotency_key: long })).toEqual([
      { field: 'user_id', reason: 'must be shorter than or equal to 128 characters' },
      {
        field: 'idempotency_key',
        reason: 'must be shorter than or equal to 128 characters',
      },
    ]);
  });
});

describe('parseEventTimestamp', () => {
  it.each([
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.123Z', '2024-01-15T10:30:00.123Z'],
    // Python's datetime.utcnow().isoformat(): microseconds, no offset.
    ['2024-01-15T10:30:00.123456', '2024-01-15T10:30:00.123Z'],
    ['2024-01-15 10:30', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00+03:00', '2024-01-15T07:30:00.000Z'],
    ['2024-01-15T10:30:00+0300', '2024-01-15T07:30:00.000Z'],
    ['2024-01-15T10:30:00-05', '2024-01-15T15:30:00.000Z'],
    ['2024-02-29T23:59:59.999z', '2024-02-29T23:59:59.999Z'],
  ])('reads %s as %s', (given, instant) => {
    expect(parseEventTimestamp(given)?.toISOString()).toBe(instant);
  });

  it.each([
    '2024-01-15',
    '2023-02-29T10:00:00Z',
    '2024-01-15T24:00:00Z',
    '2024-01-15T10:60:00Z',
    '2024-01-15T10:30:00+19:00',
    '2024-01-15T10:30:00+03:60',
    '1705314600',
    ' 2024-01-15T10:30:00Z',
    'Mon, 15 Jan 2024 10:30:00 GMT',
  ])('refuses %s', (given) => {
    expect(parseEventTimestamp(given)).toBeNull();
  });
});
