import { enabledLevels } from './create-logger';

describe('enabledLevels', () => {
  it('enables the threshold and every more severe level', () => {
    expect(enabledLevels('warn')).toEqual(['fatal', 'error', 'warn']);
  });

  it('enables everything at verbose and only fatal at fatal', () => {
    expect(enabledLevels('verbose')).toHaveLength(6);
    expect(enabledLevels('fatal')).toEqual(['fatal']);
  });
});
