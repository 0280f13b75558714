import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The API keys that may write events (API_KEYS). A presented key is compared with each in
 * constant time: both sides are hashed first, so the comparison sees equal-length digests
 * whatever was sent, and every configured key is compared, so the time taken tells neither
 * how much of a key matched nor which key it was.
 */
export class ApiKeys {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  /** From the API_KEYS setting: comma-separated keys; unset or empty means none. */
  static parse(setting: string | undefined): ApiKeys {
    return new ApiKeys((setting ?? '').split(',').filter((key) => key !== ''));
  }

  /** False when no key is configured: writes are open (the seed's `curl` works unchanged). */
  get required(): boolean {
    return this.digests.length > 0;
  }

  admits(presented: string): boolean {
    const candidate = digest(presented);
    let admitted = false;
    // No early exit: the loop costs the same whichever key matches, or none.
    for (const key of this.digests) admitted = timingSafeEqual(key, candidate) || admitted;
    return admitted;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
