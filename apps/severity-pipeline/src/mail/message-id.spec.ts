import { domainOf, newMessageId } from './message-id';

describe('Message-IDs', () => {
  it.each([
    ['alerts@example.com', 'example.com'],
    ['Alerts <alerts@example.com>', 'example.com'],
    ['"Ops, EU" <ops@eu.example.com>', 'eu.example.com'],
    ['severity-pipeline@localhost', 'localhost'],
    ['no-domain', 'localhost'],
  ])('take the domain of %s: %s', (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });

  it('are new every time, in angle brackets, on the sender domain', () => {
    const first = newMessageId('alerts@example.com');
    expect(first).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
    expect(newMessageId('alerts@example.com')).not.toBe(first);
  });
});
