/**
 * Checks of caller-supplied names and numbers. Adapters and middleware fail fast with a
 * sentence naming the argument, rather than misbehaving later (a NaN concurrency that
 * silently processes nothing, an empty group name that merges unrelated consumers).
 */
export function assertNonEmptyString(what: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${what} must be a non-empty string`);
  }
}

export function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  }
}

export function assertNonNegativeNumber(what: string, value: number): void {
  if (!(value >= 0)) {
    throw new RangeError(`${what} must be a number >= 0, got ${value}`);
  }
}
