import type { JwtModuleOptions } from '@nestjs/jwt';

/** How the API's tokens are signed and checked: HS256 with `SECRET_KEY`, like SimpleJWT. */
export function jwtOptions(secret: string): JwtModuleOptions {
  return {
    secret,
    signOptions: { algorithm: 'HS256' },
    // Never let a token choose its algorithm (`none`, or RS256 with our secret as key).
    verifyOptions: { algorithms: ['HS256'] },
  };
}
