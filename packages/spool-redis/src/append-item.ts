/**
 * One message appended by this process, from `append` until Redis acknowledged it (and, as the
 * receipt, until it is released). Its JSON is kept only while Redis has not acknowledged it, or
 * refused it, and it has not been handed out.
 */
export interface AppendItem {
  readonly kind: 'append'
  readonly id: string
  /** Its vendor JSON; `''` once Redis holds it and it was handed out (the window has its own copy). */
  json: string
  readonly bytes: number
  /** The entry id the client chose (`<ms>-<seq>`), which makes a resend idempotent. */
  readonly entryId: string
  /** `unread`: waiting for `read`; `out`: held by the caller or handed out by `read`; `released`. */
  state: 'unread' | 'out' | 'released'
  /** Has the command been given to the client (it will be answered)? */
  sent: boolean
  /** Position in the lane's append order. */
  readonly seq: number
  /**
   * Redis' answer: the entry id it stored (`stored`), or an error reply (`failed`: not durable);
   * `skipped`: released before it was sent, so never sent.
   */
  outcome: 'pending' | 'stored' | 'failed' | 'skipped'
  /** The entry id Redis stored it under (normally `entryId`). */
  stored: string | undefined
  /** Counted in the lane's buffered bytes (JSON held until Redis answers). */
  buffered: boolean
}

/** A message read back from a stream (this run's spilled messages, or a backlog). */
export interface EntryReceipt {
  readonly kind: 'entry'
  readonly stream: StreamRef
  readonly entry: string
  released: boolean
}

/** A stream whose entries were handed out, for releases and (taken-over streams) its deletion. */
export interface StreamRef {
  readonly key: string
  /** A taken-over (or an earlier run's taken-over) stream, deleted once read through and released. */
  readonly taken: boolean
  /** Entries handed out and not released yet. */
  outstanding: number
  /** Read through: no entry of it will be handed out again. */
  readDone: boolean
}

/** Entry ids chosen by the client: `<ms>-<seq>`, strictly increasing, never behind what Redis reported. */
export class EntryIds {
  private ms = 0
  private seq = 0

  next(now: number): string {
    const ms = Math.floor(now)
    if (ms > this.ms) {
      this.ms = ms
      this.seq = 0
    } else {
      this.seq++
    }
    return `${this.ms}-${this.seq}`
  }

  /** Redis stored an entry at `id` (chosen by the server): later ids go past it. */
  observe(id: string): void {
    const dash = id.indexOf('-')
    const ms = Number(id.slice(0, dash))
    const seq = Number(id.slice(dash + 1))
    if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) return
    if (ms > this.ms || (ms === this.ms && seq > this.seq)) {
      this.ms = ms
      this.seq = seq
    }
  }
}
