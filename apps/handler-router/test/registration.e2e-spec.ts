import { createTestApp } from '@app/platform/testing/create-test-app';
import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Injectable, Module } from '@nestjs/common';
import { Events } from '../src/events/events.enum';
import { Topics } from '../src/events/topics.enum';
import { HandlerRouterModule } from '../src/handler-router.module';

@Injectable()
@OnEvent(Topics.ROLE_EVENTS, Events.CLAIM_ADDED)
class SecondClaimAddedHandler implements EventHandler {
  execute(): void {}
}

@Injectable()
@OnEvent('RoleEvents', 'roleRenamed')
class BadlyNamedHandler implements EventHandler {
  execute(): void {}
}

@Injectable()
@OnEvent(Topics.ROLE_EVENTS, 'ROLE_RENAMED')
class HandlerWithoutExecute {}

describe('handler-router: a bad registration stops start-up with what to fix (e2e)', () => {
  it.each([
    [
      'a second handler for (role_events, CLAIM_ADDED)',
      SecondClaimAddedHandler,
      /(Second)?ClaimAddedHandler and (Second)?ClaimAddedHandler are both registered for \(role_events, CLAIM_ADDED\)/,
    ],
    [
      'a topic and an event that break the naming rules',
      BadlyNamedHandler,
      /BadlyNamedHandler: .*"RoleEvents".*lower_snake/,
    ],
    [
      'a handler without execute',
      HandlerWithoutExecute,
      'HandlerWithoutExecute is registered for (role_events, ROLE_RENAMED) but does not implement execute(value)',
    ],
  ])('refuses %s', async (_case, extra, message) => {
    @Module({ imports: [HandlerRouterModule.forRole('all')], providers: [extra] })
    class BrokenModule {}

    await expect(createTestApp(BrokenModule, { DATABASE_URL: 'sqlite::memory:' })).rejects.toThrow(
      message,
    );
  });
});
