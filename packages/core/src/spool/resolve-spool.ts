import { ConfigError } from '../errors.js'
import { platform } from '../platform/current-platform.js'
import type { FileSpoolOptions } from './file-spool-options.js'
import type { Spool } from './spool-types.js'

/**
 * What the `spool` option accepts:
 * - `{ dir, fsync?, fsyncIntervalMs?, maxBytes?, segmentBytes? }`: a file spool in that directory;
 * - a ready {@link Spool}: `createFileSpool(...)`, `redisSpool(...)` from `@polytrack/spool-redis`,
 *   or your own.
 */
export type SpoolOption = Spool | FileSpoolOptions

/** Turns the `spool` option into a {@link Spool}, or `undefined` when there is none. */
export function resolveSpool(option: SpoolOption | undefined): Spool | undefined {
  if (option === undefined) return undefined
  if (typeof option !== 'object' || option === null)
    throw new ConfigError('spool', 'must be { dir }, or a spool such as redisSpool({ url }) from @polytrack/spool-redis')
  const kind = kindOf(option)
  if (kind === 'spool') return option as Spool
  if (kind === 'redis') {
    throw new ConfigError(
      'spool.redis',
      "moved to its own package: import { redisSpool } from '@polytrack/spool-redis' and pass spool: redisSpool({ url, ... })",
    )
  }
  return platform.openFileSpool(option as FileSpoolOptions)
}

/**
 * A ready spool (it has an `openLane` method), the old `{ redis }` option (given as its own key), or
 * file spool options. A `ConfigError` naming `spool` when that cannot be read.
 */
function kindOf(option: object): 'spool' | 'redis' | 'file' {
  try {
    if (typeof (option as Spool).openLane === 'function') return 'spool'
    return Object.hasOwn(option, 'redis') ? 'redis' : 'file'
  } catch {
    throw new ConfigError('spool', 'cannot be read (a getter, or a trap of a Proxy, threw)')
  }
}
