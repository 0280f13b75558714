import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getDistDirectory, isSandboxFrame, renderAltair, SANDBOX_FRAME_CSP } from 'altair-static';
import type { Response } from 'express';

/** An Apollo Server plugin, as the Nest driver types it. */
type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** Where the IDE's files are served from (see `GraphqlIdeAssetsController`). */
export const GRAPHQL_IDE_ASSETS_PATH = '/graphql-ide/';

/**
 * The GraphQL IDE a browser gets at `GET /graphql`: Altair (the seeds promised a
 * Playground), with every file served by the app itself from the altair-static package, so
 * it works offline and behind firewalls, unlike Apollo's Sandbox or Nest's GraphiQL page,
 * which load from CDNs. Queries, mutations and subscriptions (graphql-ws, same path).
 */
export function graphqlIdePlugin(): ApolloPlugin {
  return {
    async serverWillStart() {
      const html = renderAltair({
        baseURL: GRAPHQL_IDE_ASSETS_PATH,
        endpointURL: '/graphql',
        subscriptionsEndpoint: '/graphql',
        initialSubscriptionRequestHandlerId: 'graphql-ws',
        disableAccount: true,
      });
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}

/** Serves the IDE's files; nothing outside the package's build directory. */
@ApiExcludeController()
@Controller(GRAPHQL_IDE_ASSETS_PATH.slice(1, -1))
export class GraphqlIdeAssetsController {
  private readonly root = getDistDirectory();

  @Get('*file')
  asset(@Param('file') file: string[] | string, @Res() response: Response): void {
    const path = Array.isArray(file) ? file.join('/') : file;
    if (path.split('/').includes('..')) throw new NotFoundException();
    // Altair runs scripts in a sandboxed frame, which must say so itself.
    if (isSandboxFrame(path)) response.setHeader('Content-Security-Policy', SANDBOX_FRAME_CSP);
    response.sendFile(path, { root: this.root, maxAge: '1d' }, (error) => {
      if (error && !response.headersSent) response.status(404).end();
    });
  }
}
