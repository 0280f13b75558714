import { randomInt } from 'node:crypto';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Where the tools find the shop when neither `--url` nor `SHOP_URL` says otherwise. */
export const DEFAULT_SHOP_URL = 'http://127.0.0.1:3005';

/** The options every tool takes, described once for every tool's `--help`. */
export const COMMON_USAGE = `  --url URL             the shop's REST API (default: SHOP_URL, else ${DEFAULT_SHOP_URL})
  -h, --help            print this help`;

/** A command line a tool cannot run: the message says which option and why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const COMMON_OPTIONS = {
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/**
 * Reads a tool's command line (without the tool's name) with its own options and the common
 * ones; strict, so a misspelt option is an error rather than silently ignored.
 */
export function readOptions<Options extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: Options,
) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { ...options, ...COMMON_OPTIONS },
    }).values;
  } catch (error) {
    // parseArgs names the unknown option or the missing value; keep its words.
    throw new UsageError((error as Error).message);
  }
}

/** `--url`, else `SHOP_URL`, else the default; an http(s) URL without a trailing slash. */
export function shopUrl(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const text = option ?? (env.SHOP_URL || DEFAULT_SHOP_URL);
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const from = option === undefined ? 'SHOP_URL' : '--url';
    throw new UsageError(`${from} must be an http(s) URL like ${DEFAULT_SHOP_URL}, not "${text}"`);
  }
  return text.replace(/\/+$/, '');
}

/** A whole number option within [min, max]; `fallback` when the option is absent. */
export function wholeNumber(
  name: string,
  text: string | undefined,
  range: { min: number; max: number; fallback: number },
): number {
  if (text === undefined) return range.fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(
      `${name} must be a whole number from ${range.min} to ${range.max}, not "${text}"`,
    );
  }
  return value;
}

/** The largest seed Faker takes as one 32-bit number; any seed up to it repeats a run. */
const MAX_SEED = 2 ** 31 - 1;

/** `--seed`, or a fresh one that the tool prints so the run can be repeated. */
export function seed(text: string | undefined): number {
  if (text === undefined) return randomInt(1, MAX_SEED);
  return wholeNumber('--seed', text, { min: 0, max: MAX_SEED, fallback: 0 });
}
