// The Redis Streams pub/sub adapter: import from '@app/transport/adapters/redis-streams'.
// An entry point of its own, so apps on the embedded default never load ioredis.
export * from './redis-streams-pub-sub.adapter';
export * from './redis-streams-pub-sub.options';
