import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/**
 * Passwords as argon2id hashes (@node-rs/argon2: a prebuilt binary per platform, nothing to
 * compile). Its defaults are OWASP's argon2id recommendation (19 MiB, 2 passes); each hash
 * records its parameters, so raising them later still verifies the old hashes.
 */
@Injectable()
export class PasswordHasher {
  /**
   * A hash of no one's password, checked when the username is unknown, so that a wrong
   * username takes as long as a wrong password and response times do not tell which users
   * exist (Django does the same).
   */
  private readonly decoy: Promise<string> = hash('not anyone’s password');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** Whether `password` matches `passwordHash`; false for a malformed hash, never a throw. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  /** Spends the time of one `verify`, for a login whose username matched no one. */
  async verifyNobody(password: string): Promise<false> {
    await this.verify(await this.decoy, password);
    return false;
  }
}
