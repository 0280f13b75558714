import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { AccessTokenGuard } from './access-token.guard';
import { AuthErrorFilter } from './auth-error.filter';
import { jwtOptions } from './tokens/jwt.options';
import { TokenController } from './tokens/token.controller';
import { TokenService } from './tokens/token.service';
import { UsersController } from './users/users.controller';
import { UsersModule } from './users/users.module';

/**
 * JWT authentication the seed's way (SimpleJWT): the token endpoints, a global guard that
 * requires an access token everywhere else (`@Public()` and `@Roles()` adjust it), and
 * `GET /api/me`, `GET /api/users`. Its tables are listed in `auth.persistence.ts`. Exports
 * `UsersService` and `TokenService` for parts that need an account or a token of their own
 * (the generator calls the API like a client).
 */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [SeverityPipelineConfig],
      useFactory: (config: SeverityPipelineConfig) => jwtOptions(config.SECRET_KEY),
    }),
  ],
  controllers: [TokenController, UsersController],
  providers: [
    TokenService,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_FILTER, useClass: AuthErrorFilter },
  ],
  exports: [UsersModule, TokenService],
})
export class AuthModule {}
