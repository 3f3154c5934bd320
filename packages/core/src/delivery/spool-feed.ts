import { byteLength } from '../platform/utf8.js'
import type { LaneSpool, SpoolReceipt } from '../spool/spool-types.js'
import type { QueuedMessage } from './message-queue.js'

/** Most messages one read from the spool hands over. */
const READ_CHUNK = 1000
/** Most JSON one read from the spool hands over, in bytes (apart from the first message). */
const READ_BYTES = 4 * 1024 * 1024

/** What the window takes from a spool read. */
export interface SpoolRead {
  items: QueuedMessage[]
  /** How many of `items` are backlog (not accepted by this run). */
  backlog: number
}

/**
 * The link between a lane's spool and its memory window, with a spool the lane's real queue.
 *
 * A message is appended to the spool before anything else. It goes straight into the window
 * ("held") when the window has room and nothing in the spool is waiting to be read; otherwise it
 * stays only in the spool ("spilled") and is read back, in order, as the window drains. The
 * backlog (earlier runs, instances taken over) is read before this run's spilled messages.
 *
 * Order positions (`seq`) keep `flush()` exact: this run's messages are numbered as they are
 * accepted (held or spilled; spilled ones are read back in that order), the backlog below all of
 * them, so "everything up to `seq` n" includes the backlog.
 */
export class SpoolFeed {
  /** Position of the oldest spilled message not read back yet. */
  private spillFrom = 0
  /** Spilled messages not read back yet. */
  private spilled = 0
  /** Next position given to a backlog message: below any position of this run's messages. */
  private backlogSeq = -Number.MAX_SAFE_INTEGER
  private reading = false

  constructor(
    readonly lane: LaneSpool,
    private readonly onRead: (read: SpoolRead) => void,
    private readonly onReadError: (error: unknown) => void,
  ) {}

  /**
   * Appends one message at position `seq`. Returns the item for the window when it is held,
   * `null` when it stays in the spool (read back later), `undefined` when the spool refused it.
   */
  append(id: string, json: string, bytes: number, seq: number, windowFull: boolean): QueuedMessage | null | undefined {
    const hold = !windowFull && !this.lane.hasUnread
    const receipt = this.lane.append({ id, json }, hold)
    if (receipt === undefined) return undefined
    if (hold) return { id, json, bytes, seq, receipt }
    if (this.spilled === 0) this.spillFrom = seq
    this.spilled++
    return null
  }

  /** The lowest position still only in the spool (the backlog, or spilled messages), or `Infinity`. */
  lowestUnread(): number {
    if (this.lane.hasBacklog) return this.backlogSeq
    return this.spilled > 0 ? this.spillFrom : Number.POSITIVE_INFINITY
  }

  /** Is anything waiting in the spool? */
  get hasUnread(): boolean {
    return this.lane.hasUnread
  }

  /** Reads up to `room` messages back for the window, unless a read is under way or nothing waits. */
  refill(room: number): void {
    if (this.reading || room <= 0 || !this.lane.hasUnread) return
    this.reading = true
    let read: Promise<{ id: string; json: string; receipt: SpoolReceipt; backlog: boolean }[]>
    try {
      read = this.lane.read(Math.min(room, READ_CHUNK), READ_BYTES)
    } catch (error) {
      read = Promise.reject(error)
    }
    read.then(
      (messages) => {
        this.reading = false
        const items: QueuedMessage[] = []
        let backlog = 0
        for (const m of messages) {
          let seq: number
          if (m.backlog || this.spilled === 0) {
            // (A message the spool hands out that this feed did not spill is treated as backlog.)
            seq = this.backlogSeq++
            backlog++
          } else {
            seq = this.spillFrom++
            this.spilled--
          }
          items.push({ id: m.id, json: m.json, bytes: byteLength(m.json), seq, receipt: m.receipt })
        }
        // The spool is the authority: when it has nothing unread, nothing is spilled.
        if (!this.lane.hasUnread) this.spilled = 0
        this.onRead({ items, backlog })
      },
      (error: unknown) => {
        this.reading = false
        this.onReadError(error)
      },
    )
  }
}
