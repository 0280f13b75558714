import { type RunningHub, startHub } from './hub.harness';
import { describePipeline } from './pipeline.scenarios';

describe('event-hub pipeline on the embedded default (in-memory stream, SQLite)', () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub({ DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => hub?.close());

  describePipeline(() => hub);
});
