import { hostname } from 'node:os'
import { inspect } from 'node:util'
import { ConfigError, type LaneListener, type Spool } from '@polytrack/core'
import { Redis } from 'ioredis'
import { readOptions } from '@polytrack/core/adapter'
import { keyPart, laneKeys } from './lane-keys.js'
import { maskUrl } from './mask-url.js'
import { RedisLaneSpool, type LaneHost } from './redis-lane-spool.js'
import { RedisLink, type RedisClient } from './redis-link.js'
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_BUFFER_BYTES,
  DEFAULT_TAKEOVER_AFTER_MS,
  REDIS_SPOOL_OPTION_KEYS,
  type RedisLaneStats,
  type RedisSpoolOptions,
} from './redis-spool-options.js'
import { systemTimers, type SpoolTimers } from './timers.js'

/** Test seams (not part of the public options). */
export interface RedisSpoolInternals {
  timers?: SpoolTimers
}

/**
 * A durable spool in Redis shared by a fleet of instances: one stream per instance and lane,
 * heartbeats, and takeover of dead instances' backlogs. Create it with {@link redisSpool}; see
 * the package README for the layout, the guarantees and the options.
 */
export class RedisSpool implements Spool {
  /** This instance's id in the fleet. */
  readonly instanceId: string
  /** The prefix of every key. */
  readonly keyPrefix: string
  private readonly link: RedisLink
  private readonly lanes = new Map<string, RedisLaneSpool>()
  private readonly host: Omit<LaneHost, 'closed'>
  private readonly timers: SpoolTimers
  private readonly closeTimeoutMs: number
  private budget: Promise<void> | undefined
  private closing: Promise<void> | undefined
  /** Where Redis is, without credentials (for messages). */
  private readonly where: string

  constructor(options: RedisSpoolOptions, internals: RedisSpoolInternals = {}) {
    if (options === null || typeof options !== 'object')
      throw new ConfigError('spool', 'must be redisSpool({ url }) or redisSpool({ client })')
    options = readOptions(options, REDIS_SPOOL_OPTION_KEYS, 'spool')
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX
    if (typeof keyPrefix !== 'string' || /[{}]/.test(keyPrefix))
      throw new ConfigError('spool.keyPrefix', 'must be a string without braces (the spool adds its own hash tag)')
    const instanceId = options.instanceId ?? `${hostname()}:${process.pid}`
    if (typeof instanceId !== 'string' || instanceId.length === 0 || instanceId.length > 200)
      throw new ConfigError('spool.instanceId', 'must be a non-empty string of at most 200 characters')
    const takeoverAfterMs = positive('spool.takeoverAfterMs', options.takeoverAfterMs, DEFAULT_TAKEOVER_AFTER_MS)
    if (takeoverAfterMs < 100) throw new ConfigError('spool.takeoverAfterMs', 'must be at least 100 ms')
    const maxBufferBytes = positive('spool.maxBufferBytes', options.maxBufferBytes, DEFAULT_MAX_BUFFER_BYTES)
    this.closeTimeoutMs = nonNegative('spool.closeTimeoutMs', options.closeTimeoutMs, DEFAULT_CLOSE_TIMEOUT_MS)
    this.keyPrefix = keyPrefix
    this.instanceId = instanceId
    this.timers = internals.timers ?? systemTimers
    const { client, owned, where } = connect(options)
    this.where = where
    this.link = new RedisLink(client, owned, where)
    this.host = {
      link: this.link,
      member: keyPart(instanceId),
      maxBufferBytes,
      takeoverAfterMs,
      timers: this.timers,
      closeBudget: () => this.closeBudget(),
    }
    for (const key of ['link', 'host', 'timers', 'budget', 'closing', 'lanes'])
      Object.defineProperty(this, key, { enumerable: false, writable: true })
  }

  openLane(name: string, listener: LaneListener): RedisLaneSpool {
    if (this.closing) throw new ConfigError('spool', 'the Redis spool is closed')
    if (typeof name !== 'string' || name.length === 0) throw new ConfigError('spool', 'a lane needs a non-empty name')
    if (this.lanes.get(name)?.closed === false) throw new ConfigError('spool', `lane ${name} of the Redis spool is already open`)
    const lane = new RedisLaneSpool(
      { ...this.host, closed: (l) => this.lanes.get(name) === l && this.lanes.delete(name) },
      name,
      laneKeys(this.keyPrefix, name, this.instanceId),
      listener,
    )
    this.lanes.set(name, lane)
    return lane
  }

  /** The lane called `name`, while it is open. */
  lane(name: string): RedisLaneSpool | undefined {
    return this.lanes.get(name)
  }

  /** Counters of every open lane. */
  stats(): Record<string, RedisLaneStats> {
    return Object.fromEntries([...this.lanes].map(([name, lane]) => [name, lane.stats()]))
  }

  /** Is the connection up (commands are written to Redis at once)? */
  get connected(): boolean {
    return this.link.ready
  }

  /**
   * Resolves once connected to Redis (at once when connected), or once the spool is closed.
   * Appends made before are kept in memory until then. Never rejects.
   */
  ready(): Promise<void> {
    if (this.link.ready || this.closing) return Promise.resolve()
    return new Promise((resolve) => {
      const stop = this.link.onReady(() => {
        stop()
        resolve()
      })
      this.onClose.push(() => {
        stop()
        resolve()
      })
    })
  }

  /**
   * Resolves once Redis has acknowledged every message appended so far, in every lane (a message
   * is written to the connection before `track()` returns, and is in Redis once Redis has read
   * it: see the README, "What durable means with Redis"). Waits while Redis is unreachable;
   * resolves at close. Never rejects.
   */
  acknowledged(): Promise<void> {
    return Promise.all([...this.lanes.values()].map((lane) => lane.acknowledged())).then(() => undefined)
  }

  /**
   * Closes every lane (waiting at most `closeTimeoutMs` in all for Redis to acknowledge what was
   * sent), then quits the connection if the spool created it. Never rejects.
   */
  close(): Promise<void> {
    this.closing ??= this.closeOnce()
    return this.closing
  }

  /** What `console.log` and `util.inspect` show: where Redis is, without credentials. */
  [inspect.custom](): string {
    return `RedisSpool { redis: '${this.where}', keyPrefix: '${this.keyPrefix}', instanceId: '${this.instanceId}', lanes: [${[...this.lanes.keys()].map((n) => `'${n}'`).join(', ')}] }`
  }

  /** What `JSON.stringify` shows: where Redis is, without credentials. */
  toJSON(): { redis: string; keyPrefix: string; instanceId: string; lanes: string[] } {
    return { redis: this.where, keyPrefix: this.keyPrefix, instanceId: this.instanceId, lanes: [...this.lanes.keys()] }
  }

  /** `RedisSpool(<where>)`, without credentials. */
  toString(): string {
    return `RedisSpool(${this.where})`
  }

  private readonly onClose: (() => void)[] = []

  private async closeOnce(): Promise<void> {
    for (const fire of this.onClose.splice(0)) fire()
    await Promise.all([...this.lanes.values()].map((lane) => lane.close()))
    await this.link.close(this.closeBudget())
  }

  /** The close budget, shared by every lane and the connection: it starts with the first close. */
  private closeBudget(): Promise<void> {
    this.budget ??= new Promise((resolve) => this.timers.after(this.closeTimeoutMs, resolve))
    return this.budget
  }
}

/** Creates the client from `url`/`tls`, or adopts `client` (checked). */
function connect(options: RedisSpoolOptions): { client: RedisClient; owned: boolean; where: string } {
  if (options.client !== undefined) {
    if (options.url !== undefined || options.tls !== undefined)
      throw new ConfigError('spool.client', 'give either client, or url (and tls), not both')
    const client = options.client as RedisClient & { options?: Record<string, unknown>; isCluster?: boolean }
    if (
      client === null ||
      typeof client !== 'object' ||
      typeof client.call !== 'function' ||
      typeof client.on !== 'function' ||
      typeof client.status !== 'string'
    ) {
      throw new ConfigError('spool.client', 'must be an ioredis Redis or Cluster instance')
    }
    const own = (client.options ?? {}) as Record<string, unknown>
    const redisOptions = client.isCluster ? ((own.redisOptions ?? {}) as Record<string, unknown>) : own
    if (typeof redisOptions.keyPrefix === 'string' && redisOptions.keyPrefix !== '') {
      throw new ConfigError('spool.client', "uses ioredis' keyPrefix: create it without, and pass keyPrefix to redisSpool() instead")
    }
    if (own.enableAutoPipelining === true) {
      throw new ConfigError(
        'spool.client',
        'uses enableAutoPipelining, which defers writes to the socket: a message would not be in Redis when track() returns',
      )
    }
    if (redisOptions.autoResendUnfulfilledCommands === false) {
      throw new ConfigError(
        'spool.client',
        'uses autoResendUnfulfilledCommands: false, with which ioredis drops the answers of commands in flight when a connection is lost',
      )
    }
    if (client.status === 'end') throw new ConfigError('spool.client', 'is closed (status end)')
    return { client, owned: false, where: client.isCluster ? 'a Redis Cluster (client)' : describeClient(redisOptions) }
  }
  if (typeof options.url !== 'string' || options.url.length === 0)
    throw new ConfigError('spool.url', 'is required (redis://host:port or rediss://host:port), or pass a connected client')
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new ConfigError('spool.url', `is not a URL: ${maskUrl(options.url)}`)
  }
  const masked = maskUrl(options.url)
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new ConfigError('spool.url', `must start with redis:// or rediss://, got ${masked}`)
  if (url.hostname === '') throw new ConfigError('spool.url', `has no host: ${masked}`)
  if (url.search !== '' || url.hash !== '')
    throw new ConfigError('spool.url', `must not carry a query or fragment (pass options to redisSpool instead): ${masked}`)
  const port = url.port === '' ? 6379 : Number(url.port)
  const dbText = url.pathname.replace(/^\//, '')
  const db = dbText === '' ? 0 : Number(dbText)
  if (!Number.isInteger(db) || db < 0) throw new ConfigError('spool.url', `has a database that is not a number: ${masked}`)
  if (options.tls !== undefined && (options.tls === null || typeof options.tls !== 'object'))
    throw new ConfigError('spool.tls', 'must be Node TLS options ({ ca, cert, key, ... })')
  const tls = url.protocol === 'rediss:' || options.tls !== undefined ? ownTlsOptions(options.tls) : undefined
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const username = decodedCredential(url.username, masked)
  const password = decodedCredential(url.password, masked)
  const client = new Redis({
    host,
    port,
    db,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(tls ? { tls: tls.servername === undefined && !/^[\d.:]+$/.test(host) ? { servername: host, ...tls } : tls } : {}),
    // Commands are written to the socket inside the call (never deferred to a later tick).
    enableAutoPipelining: false,
    // While disconnected the spool keeps appends itself (bounded); commands in flight are resent
    // after a reconnect (appends are idempotent), never failed after N retries.
    maxRetriesPerRequest: null,
    autoResendUnfulfilledCommands: true,
    retryStrategy: (times: number) => Math.min(2_000, 50 * 2 ** Math.min(times, 6)) + Math.floor(Math.random() * 50),
    connectionName: 'polytrack-spool',
    lazyConnect: false,
  })
  return { client, owned: true, where: `${url.protocol}//${url.host}${dbText ? `/${dbText}` : ''}` }
}

/** A copy of the own enumerable TLS options (each read once); a `ConfigError` naming `spool.tls` when they cannot be read. */
function ownTlsOptions(tls: RedisSpoolOptions['tls']): NonNullable<RedisSpoolOptions['tls']> {
  try {
    return { ...(tls ?? {}) }
  } catch {
    throw new ConfigError('spool.tls', 'cannot be read (a getter, or a trap of a Proxy, threw)')
  }
}

function describeClient(options: Record<string, unknown>): string {
  const sentinels = options.sentinels
  if (Array.isArray(sentinels) && sentinels.length > 0) return `sentinel master ${String(options.name)} (client)`
  return `${String(options.host ?? 'localhost')}:${String(options.port ?? 6379)} (client)`
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ConfigError(option, 'must be a positive number')
  return value
}

function nonNegative(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(option, 'must be a number of ms, 0 or more')
  return value
}

/**
 * Creates a Redis spool: pass it as `spool` to `new Analytics({ destination, spool })`.
 *
 * @example
 * import { redisSpool } from '@polytrack/spool-redis'
 * new Analytics({ destination, spool: redisSpool({ url: 'rediss://user:pass@host:6380/0', keyPrefix: 'myapp:' }) })
 */
export function redisSpool(options: RedisSpoolOptions): RedisSpool {
  return new RedisSpool(options)
}

/** A user name or password of the URL, %-decoded; a `ConfigError` (the URL masked) when its %-encoding is malformed. */
function decodedCredential(text: string, masked: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new ConfigError('spool.url', `has a user name or password whose %-encoding is malformed: ${masked}`)
  }
}
