import { InputValidationError } from '@app/platform';
import { checkEvent, checkEventBatch, MAX_REPORTED_VIOLATIONS } from './event-batch.check';

const seed = {
  user_id: 'user123',
  event_type: 'purchase',
  amount: 150.75,
  timestamp: '2024-01-15T10:30:00Z',
};

async function violations(run: Promise<unknown>): Promise<readonly object[]> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  return (error as InputValidationError).violations;
}

describe('checkEvent', () => {
  it("accepts the seed's body as it is", async () => {
    await expect(checkEvent(seed)).resolves.toEqual(seed);
  });

  it('refuses a field EventInput does not have, by its name, with the other violations', async () => {
    expect(await violations(checkEvent({ ...seed, amount: -1, idempotency_kye: 'k' }))).toEqual([
      { field: 'amount', reason: 'must not be negative (the event_type says refund or return)' },
      { field: 'idempotency_kye', reason: 'should not exist' },
    ]);
    expect(await violations(checkEvent({ ...seed, extra: 1 }))).toEqual([
      { field: 'extra', reason: 'should not exist' },
    ]);
  });

  it.each([[null], [[seed]], ['{}'], [undefined]])('refuses %p as no JSON object', async (data) => {
    expect(await violations(checkEvent(data))).toEqual([
      { field: '(body)', reason: 'must be a JSON object' },
    ]);
  });
});

describe('checkEventBatch', () => {
  it('answers every event, in order, when all are good', async () => {
    const batch = [seed, { ...seed, event_type: 'refund', idempotency_key: 'k-1' }];

    await expect(checkEventBatch(batch)).resolves.toEqual(batch);
  });

  it('names every bad event by its index, and the items that are no object', async () => {
    expect(
      await violations(checkEventBatch([seed, { ...seed, amount: -1 }, 'x', { ...seed, id: 1 }])),
    ).toEqual([
      {
        field: 'events[1].amount',
        reason: 'must not be negative (the event_type says refund or return)',
      },
      { field: 'events[2]', reason: 'must be a JSON object' },
      { field: 'events[3].id', reason: 'should not exist' },
    ]);
  });

  it(`spells out at most ${MAX_REPORTED_VIOLATIONS} violations and counts the rest`, async () => {
    const bad = Array.from({ length: 25 }, () => ({ ...seed, amount: -1 }));

    const reported = await violations(checkEventBatch(bad));

    expect(reported).toHaveLength(MAX_REPORTED_VIOLATIONS + 1);
    expect(reported.at(-1)).toEqual({ field: 'events', reason: '5 more violations not shown' });
  });

  it('refuses a batch over maxEvents whole, before looking at its events', async () => {
    expect(await violations(checkEventBatch([seed, seed, {}], { maxEvents: 2 }))).toEqual([
      { field: 'events', reason: 'must hold at most 2 events a batch' },
    ]);
    await expect(checkEventBatch([seed, seed], { maxEvents: 2 })).resolves.toHaveLength(2);
  });
});
