/** An amount of money with two decimals, summed in whole cents so 0.1 + 0.2 shows 0.30. */
export function formatMoney(amount: number): string {
  return (Math.round(amount * 100) / 100).toFixed(2);
}

/** The sum of `price × quantity` over items, in whole cents first (no float drift). */
export function totalOf(items: readonly { unitPrice: number; quantity: number }[]): number {
  const cents = items.reduce(
    (sum, item) => sum + Math.round(item.unitPrice * 100) * item.quantity,
    0,
  );
  return cents / 100;
}
