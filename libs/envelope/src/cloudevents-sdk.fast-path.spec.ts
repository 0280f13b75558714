import { CloudEvent } from 'cloudevents';
import { checkWithCloudEventsSdk } from './cloudevents-sdk-check';
import { rememberAccepted, sdkAcceptsPlainly } from './cloudevents-sdk.fast-path';

const base: Readonly<Record<string, unknown>> = {
  specversion: '1.0',
  id: 'a1',
  source: '/shop',
  type: 'PRODUCT_ADDED',
  time: '2024-05-01T12:00:00Z',
  datacontenttype: 'application/json',
  data: { sku: 'p-1' },
  correlationid: 'flow-1',
  partitionkey: 'p-1',
};

function sdkAccepts(event: Readonly<Record<string, unknown>>): boolean {
  try {
    CloudEvent.prototype.validate.call(event as unknown as CloudEvent);
    return true;
  } catch {
    return false;
  }
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Timestamps near every edge of the grammar and the calendar, valid or not. */
function timestamps(count: number): string[] {
  const next = random(20261123);
  const pick = <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)];
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const times: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const year = pick([1900, 2000, 2023, 2024, 2100, 9999, 0]);
    const month = pick([0, 1, 2, 4, 6, 9, 11, 12, 13]);
    const day = pick([0, 1, 28, 29, 30, 31, 32]);
    const hour = pick([0, 9, 23, 24]);
    const minute = pick([0, 59, 60]);
    const second = pick(['00', '59', '60', '61', '59.999', '5', '07.']);
    const separator = pick(['T', 'T', 'T', 't', ' ', '_']);
    const zone = pick(['Z', 'Z', 'z', '+02:00', '-23:59', '+24:00', '+05:60', '+0530', '', '+05']);
    times.push(
      `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}:${second}${zone}`,
    );
  }
  return times;
}

describe('sdkAcceptsPlainly, the CloudEvents SDK check skipped when its verdict is known', () => {
  beforeAll(() => rememberAccepted(base));

  it('is never more lenient than the SDK, over 5,000 timestamps at the edges of RFC 3339', () => {
    const lenient = timestamps(5000)
      .map((time) => ({ ...base, time }))
      .filter((event) => sdkAcceptsPlainly(event) && !sdkAccepts(event))
      .map((event) => event.time);
    expect(lenient).toEqual([]);
  });

  it('takes the plain cases, so the skip happens at all', () => {
    const plain = [
      '2024-02-29T23:59:59.999Z',
      '2026-11-23T12:00:00.000Z',
      '2024-05-01T12:00:00+02:00',
      '2000-02-29T00:00:00-05:30',
    ];
    expect(plain.filter((time) => sdkAcceptsPlainly({ ...base, time }))).toEqual(plain);
    const calendarErrors = ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-04-31T00:00:00Z'];
    expect(calendarErrors.filter((time) => sdkAcceptsPlainly({ ...base, time }))).toEqual([]);
  });

  it('trusts only a source the SDK accepted before, never a dataschema, and only JSON-typed data', () => {
    expect(sdkAcceptsPlainly({ ...base, source: '/somewhere-new' })).toBe(false);
    expect(sdkAcceptsPlainly({ ...base, dataschema: 'https://example.com/s.json' })).toBe(false);
    for (const data of [Number.NaN, Number.POSITIVE_INFINITY, () => 1, Symbol('s'), 1n]) {
      expect(sdkAcceptsPlainly({ ...base, data })).toBe(false);
    }
    for (const data of [0, 'text', false, [1], new Date(0), { a: 1 }]) {
      expect(sdkAcceptsPlainly({ ...base, data })).toBe(true);
    }

    const invalidSource = { ...base, source: 'has spaces' };
    expect(() => checkWithCloudEventsSdk(invalidSource, [])).toThrow(/source/);
    expect(sdkAcceptsPlainly(invalidSource)).toBe(false);
    expect(() => checkWithCloudEventsSdk(invalidSource, [])).toThrow(/source/);

    const newSource = { ...base, source: 'urn:shop:checkout' };
    checkWithCloudEventsSdk(newSource, []);
    expect(sdkAcceptsPlainly(newSource)).toBe(true);
  });

  it('spares the SDK the second event of a source, and still asks it about a bad time', () => {
    const validate = jest.spyOn(CloudEvent.prototype, 'validate');
    try {
      checkWithCloudEventsSdk({ ...base, id: 'a2' }, []);
      expect(validate).not.toHaveBeenCalled();
      expect(() => checkWithCloudEventsSdk({ ...base, time: '2024-13-01T00:00:00Z' }, [])).toThrow(
        /time/,
      );
      expect(validate).toHaveBeenCalledTimes(1);
    } finally {
      validate.mockRestore();
    }
  });
});
