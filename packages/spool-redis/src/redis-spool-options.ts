import type { ConnectionOptions } from 'node:tls'
import type { Cluster, Redis } from 'ioredis'

/**
 * Options of {@link redisSpool}. Give either `url` (the spool creates, owns and closes its own
 * ioredis connection) or `client` (an ioredis `Redis` or `Cluster` you created: the spool never
 * quits it). Every other option has a default.
 */
export interface RedisSpoolOptions {
  /**
   * `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. The password never
   * appears in errors, `util.inspect` or `JSON.stringify`.
   */
  url?: string
  /**
   * Node TLS options (`ca`, `cert`, `key`, `servername`, `rejectUnauthorized`, …) for a
   * `rediss://` URL; passing them with a `redis://` URL turns TLS on too.
   */
  tls?: ConnectionOptions
  /**
   * A connected (or connecting) ioredis `Redis` (standalone or Sentinel) or `Cluster` you own.
   * It must not use ioredis' `keyPrefix` (use this spool's `keyPrefix`), `enableAutoPipelining`
   * (it defers writes, so a message would not be in Redis when `track()` returns) or
   * `autoResendUnfulfilledCommands: false`. The spool never quits it.
   */
  client?: Redis | Cluster
  /** Prefix of every key. Every instance of one app shares it (they are one fleet). Default `'polytrack:'`. */
  keyPrefix?: string
  /**
   * This process' name in the fleet: unique among live processes sharing `keyPrefix`. A process
   * restarted with the same id replays its own backlog at once. Default `<hostname>:<pid>`.
   */
  instanceId?: string
  /**
   * An instance whose heartbeat is older than this (by the Redis server's clock) is dead: a live
   * instance takes its backlog over. Heartbeats are sent every quarter of it. Default 30,000 ms.
   */
  takeoverAfterMs?: number
  /**
   * Bytes of messages held in memory because Redis has not acknowledged them yet (unreachable, or
   * slow). Over it, new messages are refused (`spool-full`) until Redis catches up. Default 64 MiB.
   */
  maxBufferBytes?: number
  /**
   * Longest time `close()` waits for Redis to acknowledge what was sent (appends, releases), for
   * all lanes together, in ms. Default 1,000.
   */
  closeTimeoutMs?: number
}

/** Default `keyPrefix`. */
export const DEFAULT_KEY_PREFIX = 'polytrack:'
/** Default `takeoverAfterMs`: 30 s. */
export const DEFAULT_TAKEOVER_AFTER_MS = 30_000
/** Default `maxBufferBytes`: 64 MiB. */
export const DEFAULT_MAX_BUFFER_BYTES = 64 * 1024 * 1024
/** Default `closeTimeoutMs`: 1 s. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 1_000

/** The option names, for the unknown-option check. */
export const REDIS_SPOOL_OPTION_KEYS: readonly (keyof RedisSpoolOptions)[] = [
  'url',
  'tls',
  'client',
  'keyPrefix',
  'instanceId',
  'takeoverAfterMs',
  'maxBufferBytes',
  'closeTimeoutMs',
]

/** Counters of one lane of a Redis spool. */
export interface RedisLaneStats {
  /** Messages appended by this process. */
  appended: number
  /** Appends refused: over `maxBufferBytes`, or after `close()`. */
  refused: number
  /** Appends Redis acknowledged (stored in the stream). */
  written: number
  /** Appends Redis answered with an error (out of memory, …): kept in memory only, delivered from there. */
  writeErrors: number
  /** Messages released (delivered or failed for good). */
  released: number
  /** Messages read back from Redis (this run's spilled ones and backlog). */
  read: number
  /** Backlog messages read back (an earlier run's, or taken over from a dead instance). */
  recovered: number
  /** Streams taken over from dead instances. */
  takenOver: number
  /** Messages expected in Redis that were not there (deleted by hand, or taken over by another instance while this one was cut off). */
  missing: number
  /** Bytes of messages held in memory, not acknowledged by Redis yet. */
  bufferedBytes: number
  /** This run's messages waiting to be read (in Redis, or in memory until Redis answers). */
  unread: number
  /** Backlog messages known and not read yet. */
  backlog: number
}
