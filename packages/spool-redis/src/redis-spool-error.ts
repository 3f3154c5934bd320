import { PolytrackError } from '@polytrack/core'

/** What went wrong, more precisely than the error's `code` (one of core's spool codes). */
export type RedisSpoolErrorKind =
  | 'connection' // Redis cannot be reached, or the connection was lost
  | 'auth' // Redis refused the credentials
  | 'heartbeat' // the heartbeat script failed
  | 'write' // Redis refused an append (e.g. OOM): kept in memory only
  | 'release' // a release failed: those messages may be sent again after a restart
  | 'lost' // close() with messages Redis never acknowledged and that were not delivered
  | 'read' // a stream could not be read
  | 'missing' // entries expected in Redis were not there
  | 'open' // the lane's OPEN script failed: an earlier backlog is not read by this run
  | 'takeover' // this instance took over the backlog of dead instances
  | 'taken_over' // this instance was declared dead and taken over, and goes on

const CODES = {
  connection: 'spool_unavailable',
  auth: 'spool_unavailable',
  heartbeat: 'spool_unavailable',
  write: 'spool_write',
  release: 'spool_write',
  lost: 'spool_write',
  read: 'spool_read',
  missing: 'spool_read',
  open: 'spool_read',
  takeover: 'spool_taken_over',
  taken_over: 'spool_taken_over',
} as const

/**
 * An error of the Redis spool, reported through the lane's listener (`analytics.on('error')`).
 * `code` is one of core's spool codes (`spool_unavailable`, `spool_write`, `spool_read`,
 * `spool_taken_over`); `kind` says precisely what happened.
 */
export class RedisSpoolError extends PolytrackError {
  /** What happened, more precisely than `code`. */
  readonly kind: RedisSpoolErrorKind

  constructor(kind: RedisSpoolErrorKind, message: string, options?: { cause?: unknown }) {
    super(CODES[kind], message, options)
    this.name = 'RedisSpoolError'
    this.kind = kind
  }
}
