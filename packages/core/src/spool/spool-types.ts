import type { PolytrackError } from '../errors.js'

/** An encoded message as stored in a spool. */
export interface SpooledMessage {
  /** The message's id (`messageId`). */
  id: string
  /** Its vendor JSON, exactly as it will be sent. */
  json: string
}

/** An opaque receipt for one appended message, handed back on release. */
export type SpoolReceipt = unknown

/** A message read back from a spool, with the receipt that releases it. */
export interface RecoveredMessage extends SpooledMessage {
  receipt: SpoolReceipt
  /**
   * `true` for a message this process did not append: an earlier run's backlog, or one taken over
   * from a dead instance of the fleet.
   */
  backlog: boolean
}

/** What a lane tells its pipeline, from the background. Both are called synchronously and must not throw. */
export interface LaneListener {
  /** Messages became readable that the pipeline did not cause (a backlog found, or taken over). */
  readable(): void
  /** Something went wrong in the background (I/O, a connection, a takeover); nothing was lost unless the error says so. */
  error(error: PolytrackError): void
}

/**
 * One destination's durable queue. With a spool, the lane is the queue and the pipeline's memory
 * is only a window onto it:
 *
 * - `append` makes a message durable (per the spool's sync policy) before it returns. With `hold`,
 *   the caller keeps the message in its window and delivers it itself, so `read` never returns it;
 *   the caller passes `hold: true` only while `hasUnread` is `false`, which keeps the order.
 * - `read` hands out the messages not held, oldest first: the backlog (earlier runs, instances taken
 *   over) first, then this run's appends in append order.
 * - `release` forgets messages the vendor accepted or refused for good. A message read or held and
 *   never released is read again by the next run (duplicates, never losses).
 *
 * Implementations: the file spool (core) and the Redis spool (`@polytrack/spool-redis`).
 */
export interface LaneSpool {
  /**
   * Appends a message. Returns its receipt, or `undefined` when the spool refuses it (over its
   * budget, closed, or a write error): the caller then drops it and counts it `spool-full`.
   * Never throws.
   */
  append(message: SpooledMessage, hold: boolean): SpoolReceipt | undefined
  /**
   * Are messages waiting to be read? Exact and synchronous: `true` from an unheld append until
   * `read` has returned it, and while a backlog is known and readable. A backlog that cannot be
   * read now (its store is unreachable) does not count, so new messages keep flowing from memory.
   */
  readonly hasUnread: boolean
  /**
   * Is a backlog (not this run's appends) still unread? While it is, `flush()` also waits for it.
   */
  readonly hasBacklog: boolean
  /**
   * Would an append be refused for lack of room now? (`waitForRoom()` waits while it is.)
   */
  readonly full: boolean
  /**
   * The next unread messages, oldest first: at most `maxMessages`, and no more JSON than
   * `maxBytes` (apart from the first message). Resolves `[]` when nothing can be read now.
   * Never called again before the previous call settled. Never rejects: problems are reported
   * through the listener and the messages stay in the spool.
   */
  read(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]>
  /** The vendor accepted, or refused for good, these messages: they need not survive a restart. Never throws. */
  release(receipts: readonly SpoolReceipt[]): void
  /** Writes out what is buffered and closes files or connections. Never rejects. */
  close(): Promise<void>
}

/** A durable store with one lane per destination. */
export interface Spool {
  /**
   * Opens the lane of the destination called `name` (any non-empty string; the spool maps it to
   * safe file or key names). Throws a `ConfigError` when the lane cannot be opened.
   */
  openLane(name: string, listener: LaneListener): LaneSpool
  /** Closes every lane and releases locks and connections. Never rejects. */
  close(): Promise<void>
}
