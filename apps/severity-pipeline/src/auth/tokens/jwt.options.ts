import type { JwtModuleOptions } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';

/**
 * How the API's tokens are signed and checked: HS256 with `SECRET_KEY`, like SimpleJWT.
 * The secret goes in as a key object made once: given a string, jsonwebtoken first tries it
 * as a public key (which throws), then builds a secret key, on every sign and verify, 12% of
 * the API's CPU per request (bench/RESULTS.md, severity-pipeline). The bytes are the same.
 */
export function jwtOptions(secret: string): JwtModuleOptions {
  return {
    secret: createSecretKey(Buffer.from(secret, 'utf8')),
    signOptions: { algorithm: 'HS256' },
    // Never let a token choose its algorithm (`none`, or RS256 with our secret as key).
    verifyOptions: { algorithms: ['HS256'] },
  };
}
