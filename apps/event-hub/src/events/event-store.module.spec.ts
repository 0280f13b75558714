import { validateConfig } from '@app/platform';
import { EventHubConfig } from '../event-hub.config';
import { eventStoreBackend } from './event-store.module';

describe('the event store the configuration chooses', () => {
  const config = (env: Record<string, string>) => validateConfig(EventHubConfig, env);

  it('is the SQL store by default (SQLite, or PostgreSQL by DATABASE_URL)', () => {
    expect(eventStoreBackend(config({}))).toBe('sql');
    expect(eventStoreBackend(config({ DATABASE_URL: 'postgres://u:p@db:5432/hub' }))).toBe('sql');
  });

  it('is MongoDB when MONGO_URL is set', () => {
    expect(eventStoreBackend(config({ MONGO_URL: 'mongodb://mongo:27017' }))).toBe('mongodb');
  });

  it.each([
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017/event_hub'],
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/event_hub'],
    ['mongodb://a:1,b:2/?replicaSet=rs', 'mongodb://a:1,b:2/event_hub?replicaSet=rs'],
    [
      'mongodb://u:p@mongo:27017?authSource=admin',
      'mongodb://u:p@mongo:27017/event_hub?authSource=admin',
    ],
    ['mongodb://mongo:27017/other', 'mongodb://mongo:27017/other'],
  ])('reads MONGO_URL %s as %s: database event_hub unless it names one', (given, used) => {
    expect(config({ MONGO_URL: given }).MONGO_URL).toBe(used);
  });

  it('still refuses a MONGO_URL that is no MongoDB URL, naming the variable', () => {
    expect(() => config({ MONGO_URL: 'http://mongo' })).toThrow(/MONGO_URL must be/);
  });
});
