import { validateInput } from '@app/platform';
import { SubmittedEventMessage } from './submitted-event.message';
import { precheckSubmittedEvent } from './submitted-event.precheck';

const UUID = '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11';
const TIME = '2025-03-02T12:05:00.000Z';

/** What createEventAsync puts on the topic, and what the seed's bare producer sends. */
const TYPICAL: readonly Record<string, unknown>[] = [
  {
    uuid: UUID,
    name: 'Async Event',
    source: 'users',
    description: null,
    createdAt: TIME,
    updatedAt: TIME,
  },
  { uuid: UUID, name: 'x', source: 'products', description: 'd', createdAt: TIME, updatedAt: TIME },
  { name: 'Test', source: 'users' },
];

/** Every rule of SubmittedEventMessage, broken one at a time, plus its edges. */
const EDGES: readonly unknown[] = [
  { name: '  padded  ', source: 'users' },
  { name: '   ', source: 'users' },
  { name: '', source: 'users' },
  { name: 'n'.repeat(255), source: 'users' },
  { name: 'n'.repeat(256), source: 'users' },
  { name: ` ${'n'.repeat(255)} `, source: 'users' },
  { name: '😀'.repeat(200), source: 'users' },
  { name: 42, source: 'users' },
  { name: null, source: 'users' },
  { source: 'users' },
  { name: 'x' },
  { name: 'x', source: 'orders' },
  { name: 'x', source: 'USERS' },
  { name: 'x', source: ['users'] },
  { name: 'x', source: 'users', description: 'd'.repeat(2000) },
  { name: 'x', source: 'users', description: 'd'.repeat(2001) },
  { name: 'x', source: 'users', description: 7 },
  { name: 'x', source: 'users', uuid: 'nope' },
  { name: 'x', source: 'users', uuid: UUID.toUpperCase() },
  { name: 'x', source: 'users', uuid: '00000000-0000-0000-0000-000000000000' },
  { name: 'x', source: 'users', uuid: '3f0e4b0e-6f1c-9c39-9a53-1f5b1e0c2d11' },
  { name: 'x', source: 'users', uuid: null },
  { name: 'x', source: 'users', createdAt: 'yesterday' },
  { name: 'x', source: 'users', createdAt: '2025-02-30T12:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '2025-03-02' },
  { name: 'x', source: 'users', createdAt: '2025-03-02T12:05:00+02:00' },
  { name: 'x', source: 'users', updatedAt: 1740917100000 },
  { name: 'x', source: 'users', createdAt: 'yesterday', updatedAt: 'yesterday' },
  { name: 'x', source: 'users', createdAt: TIME, updatedAt: 'yesterday' },
  { name: 'x', source: 'users', updatedAt: TIME },
  { name: 'x', source: 'users', createdAt: null },
  { name: 'x', source: 'users', createdAt: '2024-02-29T23:59:59.999Z' },
  { name: 'x', source: 'users', createdAt: '2025-02-29T00:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '0000-01-01T00:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '0999-12-31T00:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '1000-01-01T00:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '9999-12-31T23:59:59.999Z' },
  { name: 'x', source: 'users', createdAt: '2025-03-02T24:00:00.000Z' },
  { name: 'x', source: 'users', createdAt: '+012025-03-02T12:05:00.000Z' },
  { name: 'x', source: 'users', extra: 'dropped' },
  'Test',
  null,
  [],
];

/** The checked message, or undefined when refused (toEqual ignores the class). */
async function fullValidation(data: unknown): Promise<SubmittedEventMessage | undefined> {
  try {
    return await validateInput(SubmittedEventMessage, data);
  } catch {
    return undefined;
  }
}

describe('precheckSubmittedEvent: the fast path of the consumer', () => {
  it.each(TYPICAL)('accepts what createEventAsync and the seed send: %j', async (data) => {
    const checked = precheckSubmittedEvent(data);

    expect(checked).toBeDefined();
    expect(checked).toEqual(await fullValidation(data));
  });

  it.each(EDGES.map((data) => [data]))(
    'never accepts what the rules refuse, nor answers otherwise: %j',
    async (data) => {
      const checked = precheckSubmittedEvent(data);

      if (checked !== undefined) expect(checked).toEqual(await fullValidation(data));
    },
  );

  it('leaves every refusal to the full validation, which names the field', () => {
    for (const data of [
      { name: '', source: 'users' },
      { name: 'x', source: 'orders' },
    ]) {
      expect(precheckSubmittedEvent(data)).toBeUndefined();
    }
  });
});
