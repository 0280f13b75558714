import { validateConfig } from '@app/platform';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { EventHubConfig } from '../apps/event-hub/src/event-hub.config';
import { EventManagerConfig } from '../apps/event-manager/src/event-manager.config';
import { HandlerRouterConfig } from '../apps/handler-router/src/handler-router.config';
import { SeverityPipelineConfig } from '../apps/severity-pipeline/src/severity-pipeline.config';
import { ShopConfig } from '../apps/shop/src/shop.config';

const CONFIGS: Readonly<Record<string, new () => object>> = {
  'event-manager': EventManagerConfig,
  'handler-router': HandlerRouterConfig,
  'severity-pipeline': SeverityPipelineConfig,
  'event-hub': EventHubConfig,
  shop: ShopConfig,
};

/** Every setting the app reads: the validated properties of its config class. */
function settingsOf(config: new () => object): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(config, '', true, false);
  return [...new Set(rules.map((rule) => rule.propertyName))].sort();
}

/** `NAME=` lines, commented out (`# NAME=value`) or not. */
function listedIn(text: string): string[] {
  return [...new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))];
}

describe.each(Object.entries(CONFIGS))('apps/%s/.env.example', (app, config) => {
  const text = readFileSync(join(__dirname, '..', 'apps', app, '.env.example'), 'utf8');

  it('lists every setting the app reads', () => {
    const listed = new Set(listedIn(text));
    expect(settingsOf(config).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('lists no setting the app does not read', () => {
    const settings = new Set(settingsOf(config));
    expect(listedIn(text).filter((name) => !settings.has(name))).toEqual([]);
  });

  it('sets only values the app accepts, so a copy as it is starts the app', () => {
    expect(() => validateConfig(config, parseEnv(text))).not.toThrow();
  });

  it('says, above each setting, what it does', () => {
    const lines = text.split('\n');
    const unexplained = lines.filter(
      (line, i) => /^#? ?[A-Z][A-Z0-9_]*=/.test(line) && i > 0 && lines[i - 1].trim() === '',
    );
    expect(unexplained).toEqual([]);
  });
});
