import { ConfigError } from '../errors.js'
import { RedisConnection, type RedisConnectionOptions } from './redis-connection.js'
import type { RespValue } from './resp.js'
import type { LaneSpool, RecoveredMessage, Spool, SpooledMessage, SpoolReceipt } from './spool-types.js'

/** Options of the Redis spool (`spool: { redis: {...} }`). */
export interface RedisSpoolOptions extends RedisConnectionOptions {
  /** Prefix of the stream keys: lane `segment` lives in `<keyPrefix>segment`. Default `polytrack:spool:`. */
  keyPrefix?: string
  /** How long `close()` waits for Redis to answer the last commands, in ms. Default 2,000. */
  closeTimeoutMs?: number
}

/** Counters of one lane of a Redis spool. */
export interface RedisLaneStats {
  /** Messages appended by this process (XADD sent or held for sending). */
  appended: number
  /** Appends refused: the command buffer was full (Redis unreachable for long) or the spool closed. */
  refused: number
  /** XADD commands Redis answered with an error (e.g. out of memory): those messages are not durable. */
  errors: number
  /** Messages released (XDEL sent). */
  released: number
  /** Messages found by `recover()`. */
  recovered: number
}

export const DEFAULT_REDIS_KEY_PREFIX = 'polytrack:spool:'
const RELEASE_CHUNK = 500
const RECOVER_PAGE = 1000

interface Receipt {
  /** The stream entry id, once Redis answered the XADD. */
  entry: string | undefined
  released: boolean
}

/** Reads the field value named `name` out of a flat [field, value, ...] array. */
function field(fields: RespValue, name: string): string | undefined {
  if (!Array.isArray(fields)) return undefined
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as string
  return undefined
}

/**
 * One destination's log in a Redis Stream: `append` → `XADD key * i <id> j <json>` (pipelined,
 * written to the socket before it returns when connected), `release` → batched `XDEL`, `recover`
 * → `XRANGE` of the entries that existed when the lane opened.
 */
export class RedisLaneSpool implements LaneSpool {
  readonly key: string
  private readonly boundary: Promise<string | null>
  private releaseQueue: string[] = []
  private releaseScheduled = false
  private closed = false
  private readonly counters = { appended: 0, refused: 0, errors: 0, released: 0, recovered: 0 }

  constructor(
    private readonly connection: RedisConnection,
    key: string,
    private readonly closeTimeoutMs: number,
  ) {
    this.key = key
    // Sent before any XADD of this lane on the same connection: the newest entry an earlier run left.
    this.boundary = connection.command(['XREVRANGE', key, '+', '-', 'COUNT', 1]).then((reply) => {
      const first = Array.isArray(reply) ? reply[0] : undefined
      return Array.isArray(first) && typeof first[0] === 'string' ? first[0] : null
    })
    this.boundary.catch(() => undefined)
  }

  async recover(): Promise<RecoveredMessage[]> {
    const last = await this.boundary
    const out: RecoveredMessage[] = []
    if (last === null) return out
    let start = '-'
    for (;;) {
      const reply = await this.connection.command(['XRANGE', this.key, start, last, 'COUNT', RECOVER_PAGE])
      if (!Array.isArray(reply) || reply.length === 0) break
      for (const entry of reply) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue
        const id = field(entry[1] as RespValue, 'i')
        const json = field(entry[1] as RespValue, 'j')
        const receipt: Receipt = { entry: entry[0], released: false }
        if (id === undefined || json === undefined) {
          this.releaseIds([entry[0]]) // not ours: nothing to replay
          continue
        }
        out.push({ id, json, receipt })
      }
      const tail = reply[reply.length - 1]
      if (!Array.isArray(tail) || typeof tail[0] !== 'string' || tail[0] === last || reply.length < RECOVER_PAGE) break
      start = `(${tail[0]}`
    }
    this.counters.recovered = out.length
    return out
  }

  append(message: SpooledMessage): SpoolReceipt | undefined {
    if (this.closed) return undefined
    const receipt: Receipt = { entry: undefined, released: false }
    const sent = this.connection.send(['XADD', this.key, '*', 'i', message.id, 'j', message.json], (error, reply) => {
      if (error || typeof reply !== 'string') {
        this.counters.errors++
        return
      }
      receipt.entry = reply
      if (receipt.released) this.releaseIds([reply])
    })
    if (!sent) {
      this.counters.refused++
      return undefined
    }
    this.counters.appended++
    return receipt
  }

  release(receipts: readonly SpoolReceipt[]): void {
    const ids: string[] = []
    for (const value of receipts) {
      const receipt = value as Receipt | undefined
      if (receipt === undefined || receipt === null || typeof receipt !== 'object' || receipt.released) continue
      receipt.released = true
      this.counters.released++
      if (receipt.entry !== undefined) ids.push(receipt.entry)
    }
    this.releaseIds(ids)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.flushReleases()
    await this.connection.idle(this.closeTimeoutMs)
  }

  /** This lane's counters. */
  stats(): RedisLaneStats {
    return { ...this.counters }
  }

  private releaseIds(ids: string[]): void {
    if (ids.length === 0) return
    this.releaseQueue.push(...ids)
    if (this.releaseScheduled) return
    this.releaseScheduled = true
    queueMicrotask(() => this.flushReleases())
  }

  private flushReleases(): void {
    this.releaseScheduled = false
    const ids = this.releaseQueue
    this.releaseQueue = []
    for (let i = 0; i < ids.length; i += RELEASE_CHUNK) {
      // If refused (buffer full) the entries stay and are replayed after a restart: duplicates, not losses.
      this.connection.send(['XDEL', this.key, ...ids.slice(i, i + RELEASE_CHUNK)], () => undefined)
    }
  }
}

/**
 * A durable spool in Redis: one stream per lane on one pipelined connection. See
 * docs/durability.md for what "durable" means here.
 */
export class RedisSpool implements Spool {
  readonly connection: RedisConnection
  readonly keyPrefix: string
  private readonly closeTimeoutMs: number
  private readonly lanes = new Map<string, RedisLaneSpool>()
  private closed = false

  constructor(options: RedisSpoolOptions) {
    if (options === null || typeof options !== 'object') throw new ConfigError('spool.redis', 'must be an object')
    this.keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX
    if (typeof this.keyPrefix !== 'string') throw new ConfigError('spool.redis.keyPrefix', 'must be a string')
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000
    this.connection = new RedisConnection(options)
  }

  openLane(name: string): RedisLaneSpool {
    if (this.closed) throw new ConfigError('spool', 'the Redis spool is closed')
    if (name.length === 0) throw new ConfigError('spool', 'a lane needs a non-empty name')
    const lane = new RedisLaneSpool(this.connection, `${this.keyPrefix}${name}`, this.closeTimeoutMs)
    this.lanes.set(name, lane)
    return lane
  }

  /** Resolves once connected to Redis (appends made before are held in memory until then). */
  ready(): Promise<void> {
    return this.connection.ready()
  }

  /** The lane called `name` (the last one opened), if any. */
  lane(name: string): RedisLaneSpool | undefined {
    return this.lanes.get(name)
  }

  /** Counters of every lane opened. */
  stats(): Record<string, RedisLaneStats> {
    return Object.fromEntries([...this.lanes].map(([name, lane]) => [name, lane.stats()]))
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all([...this.lanes.values()].map((lane) => lane.close()))
    await this.connection.idle(this.closeTimeoutMs)
    this.connection.close()
  }
}

/** Creates a Redis spool (the same as passing `spool: { redis: {...} }`). */
export function createRedisSpool(options: RedisSpoolOptions): RedisSpool {
  return new RedisSpool(options)
}
