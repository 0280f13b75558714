import { formatMoney, totalOf } from './money';

describe('money', () => {
  it('formats amounts with two decimals', () => {
    expect([formatMoney(149.9), formatMoney(5), formatMoney(0.005), formatMoney(1999.99)]).toEqual([
      '149.90',
      '5.00',
      '0.01',
      '1999.99',
    ]);
  });

  it('sums price × quantity in whole cents, without float drift', () => {
    const items = [
      { unitPrice: 0.1, quantity: 1 },
      { unitPrice: 0.2, quantity: 1 },
      { unitPrice: 19.99, quantity: 3 },
    ];

    expect(totalOf(items)).toBe(60.27);
    expect(totalOf([])).toBe(0);
  });
});
