import { ConfigError } from '../errors.js'
import { FileSpool, type FileSpoolOptions } from './file-spool.js'
import { RedisSpool, type RedisSpoolOptions } from './redis-spool.js'
import type { Spool } from './spool-types.js'

/**
 * What the `spool` option accepts:
 * - `{ dir, fsync?, fsyncIntervalMs?, maxBytes?, segmentBytes? }`: a file spool in that directory;
 * - `{ redis: { url } | { host, port, ... }, ... }`: a Redis spool (one stream per destination);
 * - a ready {@link Spool} (e.g. from `createFileSpool`, or your own).
 */
export type SpoolOption = Spool | FileSpoolOptions | { redis: RedisSpoolOptions }

/** Turns the `spool` option into a {@link Spool}, or `undefined` when there is none. */
export function resolveSpool(option: SpoolOption | undefined): Spool | undefined {
  if (option === undefined) return undefined
  if (typeof option !== 'object' || option === null) throw new ConfigError('spool', 'must be { dir }, { redis } or a spool')
  if (typeof (option as Spool).openLane === 'function') return option as Spool
  if ('redis' in option && option.redis !== undefined) {
    if ('dir' in option) throw new ConfigError('spool', 'takes either dir or redis, not both')
    return new RedisSpool(option.redis)
  }
  if ('dir' in option) return new FileSpool(option)
  throw new ConfigError('spool', 'must be { dir }, { redis } or a spool')
}
