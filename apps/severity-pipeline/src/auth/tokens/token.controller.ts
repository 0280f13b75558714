import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Public } from '../auth.decorators';
import { AUTH_ERRORS, AuthenticationFailedError } from '../auth.errors';
import { UsersService } from '../users/users.service';
import { RefreshTokenInput, ObtainTokenInput } from './token.input';
import { type TokenPair, TokenService } from './token.service';
import { AccessTokenModel, TokenPairModel } from '../../api-docs/severity-models.openapi';

/**
 * The seed's SimpleJWT endpoints, same paths (with or without the trailing slash), bodies and
 * answers: `POST /api/token/` trades a username and password for an access and a refresh
 * token, `POST /api/token/refresh/` a refresh token for a new access token.
 */
@ApiTags('tokens')
@ApiBadRequestResponse({ description: 'A field is missing or empty: the answer names it' })
@ApiUnauthorizedResponse({ description: 'Wrong credentials, or an invalid refresh token' })
@Public()
@Controller('api/token')
export class TokenController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @ApiOperation({ summary: 'Trade a username and password for an access and a refresh token' })
  @ApiOkResponse({ type: TokenPairModel })
  @Post()
  @HttpCode(HttpStatus.OK)
  async obtain(@Body() { username, password }: ObtainTokenInput): Promise<TokenPair> {
    const user = await this.users.authenticate(username, password);
    if (user === null) throw new AuthenticationFailedError(AUTH_ERRORS.wrongCredentials);
    return this.tokens.issuePair(user);
  }

  @ApiOperation({ summary: 'Trade a refresh token for a new access token' })
  @ApiOkResponse({ type: AccessTokenModel })
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(@Body() { refresh }: RefreshTokenInput): Promise<{ access: string }> {
    const claims = await this.tokens.verify(refresh, 'refresh').catch(() => {
      throw new AuthenticationFailedError(AUTH_ERRORS.invalidRefreshToken);
    });
    // The role may have changed since the refresh token was issued: take today's.
    const user = await this.users.findById(claims.user_id);
    if (user === null) throw new AuthenticationFailedError(AUTH_ERRORS.noAccountForToken);
    return { access: await this.tokens.issue('access', user) };
  }
}
