import { validateInput } from '@app/platform';
import { readClaimEventValue, readEntityEventValue } from './event-value.reader';
import { ClaimEventValue, EntityEventValue } from './event-values';

const VALUES: readonly unknown[] = [
  { userId: 7, data: { id: 3, roleId: 2 } },
  { userId: 'ada', data: { id: 'u-1' } },
  { userId: 0, data: { id: 0, roleId: 0, name: 'extra' }, extra: true },
  { userId: '', data: { id: '', roleId: '' } },
  { userId: 7, data: { id: 3, roleId: null } },
  { userId: 7, data: { id: null, roleId: 2 } },
  { userId: 7, data: { roleId: 2 } },
  { userId: null, data: { id: 3 } },
  { data: { id: 3 } },
  { userId: 7 },
  { userId: 7, data: null },
  { userId: 7, data: [3] },
  { userId: 7, data: 'x' },
  [],
  null,
  'text',
  42,
];

async function outcome(read: () => unknown): Promise<string> {
  try {
    await read();
    return 'accepted';
  } catch (error) {
    return `rejected: ${(error as Error).message}`;
  }
}

describe.each([
  ['readEntityEventValue', readEntityEventValue, EntityEventValue],
  ['readClaimEventValue', readClaimEventValue, ClaimEventValue],
] as const)('%s', (_, read, rules) => {
  it.each(VALUES.map((value) => [JSON.stringify(value), value]))(
    'accepts or rejects %s exactly as class-validator does',
    async (_json, value) => {
      expect(await outcome(() => read(value))).toBe(
        await outcome(() => validateInput(rules, value)),
      );
    },
  );

  it('hands a well-formed value over as it came, without copying it', async () => {
    const value = { userId: 7, data: { id: 3, roleId: 2 } };

    expect(await read(value)).toBe(value);
  });
});
