import { LedgerSweepSchedule } from './ledger-sweep.schedule';

describe('the ledger sweep schedule', () => {
  const at = (seconds: number) => new Date(Date.UTC(2024, 0, 15) + seconds * 1000);

  it('is due at once, then at most once a minute', () => {
    const schedule = new LedgerSweepSchedule();

    expect(schedule.due(at(0))).toBe(true);
    expect(schedule.due(at(0))).toBe(false);
    expect(schedule.due(at(59.999))).toBe(false);
    expect(schedule.due(at(60))).toBe(true);
    expect(schedule.due(at(60))).toBe(false);
    expect(schedule.due(at(3600))).toBe(true);
  });
});
