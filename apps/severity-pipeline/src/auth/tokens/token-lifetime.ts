/** A lifetime in seconds (`300`) or with a unit: `300s`, `5m`, `12h`, `1d`. */
export const TOKEN_LIFETIME_PATTERN = /^[1-9]\d*[smhd]?$/;

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds in a lifetime that matches `TOKEN_LIFETIME_PATTERN` (config validation checked it). */
export function lifetimeSeconds(lifetime: string): number {
  const unit = /[smhd]$/.test(lifetime) ? lifetime.slice(-1) : 's';
  // parseInt stops at the unit letter.
  return Number.parseInt(lifetime, 10) * SECONDS_PER_UNIT[unit];
}
