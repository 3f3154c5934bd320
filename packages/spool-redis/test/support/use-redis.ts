// A redis-server and an ioredis admin client on it for one describe block of the Redis spool tests.
import { startRedis, type RedisServer } from '@polytrack/test-support/redis-server'
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'

/**
 * Starts a redis-server and an admin client on it before the enclosing describe block's tests, and
 * disconnects and stops them after (vitest hooks). Read `redis` and `admin` inside the tests.
 */
export function useRedis(): { readonly redis: RedisServer; readonly admin: Redis } {
  const state = {} as { redis: RedisServer; admin: Redis }
  beforeAll(async () => {
    state.redis = await startRedis()
    state.admin = new Redis(state.redis.port, '127.0.0.1')
  })
  afterAll(async () => {
    state.admin?.disconnect()
    await state.redis?.stop()
  })
  return state
}
