import { mkdirSync, realpathSync } from 'node:fs'
import { optionNames } from '../config/known-keys.js'
import { readOptions } from '../config/read-options.js'
import { optionHints } from '../config/option-hints.js'
import { ConfigError } from '../errors.js'
import { acquireDirLock } from './dir-lock.js'
import { FileLaneSpool } from './file-lane-spool.js'
import { laneDirName } from './lane-directory.js'
import {
  DEFAULT_FSYNC_INTERVAL_MS,
  DEFAULT_SEGMENT_BYTES,
  DEFAULT_SPOOL_MAX_BYTES,
  type FileLaneStats,
  type FileSpoolOptions,
} from './file-spool-options.js'
import type { LaneListener, Spool } from './spool-types.js'

export { FileLaneSpool } from './file-lane-spool.js'
export { laneDirName } from './lane-directory.js'
export * from './file-spool-options.js'

const OPTIONS = optionNames<FileSpoolOptions>({
  dir: 'option',
  fsync: 'option',
  fsyncIntervalMs: 'option',
  maxBytes: 'option',
  segmentBytes: 'option',
})
const HINTS = optionHints({
  path: 'did you mean `dir`?',
  directory: 'did you mean `dir`?',
  redis: 'the Redis spool is its own package: `spool: redisSpool({ url })` from @polytrack/spool-redis',
  url: 'the Redis spool is its own package: `spool: redisSpool({ url })` from @polytrack/spool-redis',
  maxSize: 'did you mean `maxBytes`?',
  fsyncInterval: 'did you mean `fsyncIntervalMs`?',
})

/**
 * A durable spool in a local directory: a lock (one process at a time) and one subdirectory per
 * lane. Each lane is its destination's queue: see docs/durability.md.
 */
export class FileSpool implements Spool {
  /** The spool directory, symlinks resolved. */
  readonly dir: string
  private readonly lanes = new Map<string, FileLaneSpool>()
  private readonly options: Required<Omit<FileSpoolOptions, 'dir'>>
  private readonly unlock: () => void
  private readonly stopTimer: (() => void) | undefined
  private closed = false

  constructor(options: FileSpoolOptions) {
    options = readOptions(options, OPTIONS, 'spool', HINTS)
    const fsync = options.fsync ?? 'interval'
    if (fsync !== 'always' && fsync !== 'interval' && fsync !== 'never')
      throw new ConfigError('spool.fsync', "must be 'always', 'interval' or 'never'")
    const fsyncIntervalMs = positive('spool.fsyncIntervalMs', options.fsyncIntervalMs, DEFAULT_FSYNC_INTERVAL_MS)
    const maxBytes = positive('spool.maxBytes', options.maxBytes, DEFAULT_SPOOL_MAX_BYTES)
    const segmentBytes = positive('spool.segmentBytes', options.segmentBytes, DEFAULT_SEGMENT_BYTES)
    if (segmentBytes > 1024 ** 3) throw new ConfigError('spool.segmentBytes', 'must be at most 1 GiB')
    if (typeof options.dir !== 'string' || options.dir.length === 0) throw new ConfigError('spool.dir', 'must be a non-empty path')
    this.options = { fsync, fsyncIntervalMs, maxBytes, segmentBytes }
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 })
      // The same directory reached through a symlink is the same spool (and the same lock).
      this.dir = realpathSync(options.dir)
    } catch (error) {
      throw new ConfigError('spool.dir', `cannot use ${options.dir}: ${(error as Error).message}`)
    }
    this.unlock = acquireDirLock(this.dir)
    if (fsync === 'interval') {
      const timer = setInterval(() => {
        for (const lane of this.lanes.values()) if (!lane.isClosed) lane.sync()
      }, fsyncIntervalMs)
      timer.unref()
      this.stopTimer = () => clearInterval(timer)
    }
  }

  openLane(name: string, listener: LaneListener): FileLaneSpool {
    if (this.closed) throw new ConfigError('spool', `the spool in ${this.dir} is closed`)
    if (this.lanes.get(name)?.isClosed === false) throw new ConfigError('spool', `lane ${name} of ${this.dir} is already open`)
    const lane = new FileLaneSpool(`${this.dir}/${laneDirName(name)}`, this.options, listener)
    this.lanes.set(name, lane)
    return lane
  }

  /** The lane called `name` (the last one opened), if any. */
  lane(name: string): FileLaneSpool | undefined {
    return this.lanes.get(name)
  }

  /** Counters of every lane opened. */
  stats(): Record<string, FileLaneStats> {
    return Object.fromEntries([...this.lanes].map(([name, lane]) => [name, lane.stats()]))
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stopTimer?.()
    await Promise.all([...this.lanes.values()].map((lane) => lane.close()))
    this.unlock()
  }
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ConfigError(option, 'must be a positive number')
  return value
}

/** Creates a file spool (the same as passing `spool: { dir, ... }`). */
export function createFileSpool(options: FileSpoolOptions): FileSpool {
  return new FileSpool(options)
}
