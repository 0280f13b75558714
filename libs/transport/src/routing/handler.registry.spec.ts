import { type DiscoveredHandler, HandlerRegistry } from './handler.registry';
import { HandlerRegistrationError } from './handler-registration.error';

const handler = { execute: () => undefined };

function found(
  topic: string,
  type: string,
  name: string,
  instance: unknown = handler,
): DiscoveredHandler {
  return { route: { topic, type }, name, instance };
}

function problemsOf(discovered: DiscoveredHandler[]): string {
  try {
    new HandlerRegistry(discovered);
  } catch (error) {
    expect(error).toBeInstanceOf(HandlerRegistrationError);
    return (error as Error).message;
  }
  throw new Error('expected the registration to be refused');
}

describe('HandlerRegistry', () => {
  it('finds the handler of a (topic, type) and lists the topics that have handlers', () => {
    const registry = new HandlerRegistry([
      found('user_events', 'USER_CREATED', 'UserCreatedHandler'),
      found('role_events', 'CLAIM_ADDED', 'ClaimAddedHandler'),
      found('role_events', 'ROLE_CREATED', 'RoleCreatedHandler'),
    ]);

    expect(registry.find('role_events', 'CLAIM_ADDED')?.handlerName).toBe('ClaimAddedHandler');
    expect(registry.find('role_events', 'USER_CREATED')).toBeUndefined();
    expect(registry.topics()).toEqual(['role_events', 'user_events']);
    expect(registry.list().map((r) => r.type)).toEqual([
      'CLAIM_ADDED',
      'ROLE_CREATED',
      'USER_CREATED',
    ]);
  });

  it('refuses two handlers for one (topic, event), naming both', () => {
    expect(
      problemsOf([
        found('role_events', 'CLAIM_ADDED', 'ClaimAddedHandler'),
        found('role_events', 'CLAIM_ADDED', 'AnotherClaimHandler'),
      ]),
    ).toContain(
      'AnotherClaimHandler and ClaimAddedHandler are both registered for (role_events, CLAIM_ADDED)',
    );
  });

  it('refuses names that break the naming rules, with the rule and a suggestion', () => {
    const message = problemsOf([
      found('RoleEvents', 'CLAIM_ADDED', 'A'),
      found('role_events', 'claimAdded', 'B'),
    ]);

    expect(message).toMatch(/A: .*topic.*"RoleEvents".*lower_snake.*role_events/s);
    expect(message).toMatch(/B: .*event type.*"claimAdded".*UPPER_SNAKE.*CLAIM_ADDED/s);
  });

  it('refuses a handler without execute(value)', () => {
    expect(
      problemsOf([found('role_events', 'CLAIM_ADDED', 'Lazy', { run: () => undefined })]),
    ).toContain(
      'Lazy is registered for (role_events, CLAIM_ADDED) but does not implement execute(value)',
    );
  });

  it('reports every problem at once', () => {
    const message = problemsOf([found('Bad', 'X', 'A'), found('role_events', 'ok', 'B')]);

    expect(message.split('\n  - ')).toHaveLength(3);
  });
});
