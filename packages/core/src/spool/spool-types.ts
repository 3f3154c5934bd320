/** An encoded message as stored in a spool. */
export interface SpooledMessage {
  /** The message's id (`messageId`). */
  id: string
  /** Its vendor JSON, exactly as it will be sent. */
  json: string
}

/** An opaque receipt for one appended message, handed back on release. */
export type SpoolReceipt = unknown

/** A message found in the spool at start, with the receipt that releases it. */
export interface RecoveredMessage extends SpooledMessage {
  receipt: SpoolReceipt
}

/**
 * One destination's durable log. `append` makes a message durable (per the spool's sync policy)
 * before it returns; `release` forgets messages the vendor acknowledged (or refused for good);
 * `recover` yields what an earlier process appended and never released, oldest first.
 */
export interface LaneSpool {
  /** Messages left by an earlier run, oldest first, each with its receipt. Called once, before any append. */
  recover(): Promise<RecoveredMessage[]>
  /** Appends a message; `undefined` when the spool is full (the caller drops and counts it). */
  append(message: SpooledMessage): SpoolReceipt | undefined
  /** The vendor accepted, or finally refused, these messages: they need not survive a restart. */
  release(receipts: readonly SpoolReceipt[]): void
  /** Writes out what is buffered and closes files or connections. */
  close(): Promise<void>
}

/** A durable store with one log per destination. */
export interface Spool {
  /** Opens the log of the destination called `name` (a file name-safe string). */
  openLane(name: string): LaneSpool
  /** Closes every lane and releases locks. */
  close(): Promise<void>
}
