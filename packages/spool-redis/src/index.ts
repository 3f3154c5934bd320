export { redisSpool, RedisSpool } from './redis-spool.js'
export { RedisLaneSpool } from './redis-lane-spool.js'
export { RedisSpoolError, type RedisSpoolErrorKind } from './redis-spool-error.js'
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_BUFFER_BYTES,
  DEFAULT_TAKEOVER_AFTER_MS,
  type RedisLaneStats,
  type RedisSpoolOptions,
} from './redis-spool-options.js'
