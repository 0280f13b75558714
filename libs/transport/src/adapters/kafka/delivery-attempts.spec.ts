import { DeliveryAttempts } from './delivery-attempts';

describe('DeliveryAttempts', () => {
  it('counts failures per partition and offset until the event succeeds', () => {
    const attempts = new DeliveryAttempts();
    expect(attempts.current(0, '5')).toBe(1);
    attempts.recordFailure(0, '5');
    attempts.recordFailure(0, '5');
    attempts.recordFailure(1, '5');
    expect(attempts.current(0, '5')).toBe(3);
    expect(attempts.current(1, '5')).toBe(2);
    expect(attempts.current(0, '6')).toBe(1);

    attempts.recordSuccess(0, '5');
    expect(attempts.current(0, '5')).toBe(1);
    expect(attempts.current(1, '5')).toBe(2);
  });

  it('forgets the partitions a rebalance took away', () => {
    const attempts = new DeliveryAttempts();
    attempts.recordFailure(0, '1');
    attempts.recordFailure(2, '1');
    attempts.keepOnly([2]);
    expect(attempts.current(0, '1')).toBe(1);
    expect(attempts.current(2, '1')).toBe(2);
  });
});
