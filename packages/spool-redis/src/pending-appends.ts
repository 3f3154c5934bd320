import type { SpooledMessage } from '@polytrack/core'
import { EntryIds, type AppendItem } from './append-item.js'
import type { LaneKeys } from './lane-keys.js'
import { APPEND } from './lua-scripts.js'
import { isReplyError, type RedisLink } from './redis-link.js'

/** The lane counters the appends keep up to date (the lane reports them in its stats). */
export interface AppendCounters {
  appended: number
  refused: number
  written: number
  writeErrors: number
}

/** What the appends tell their lane. None of these may throw. */
export interface PendingAppendsEvents {
  /** Appends may be sent now: connected, and the lane's OPEN sent on this connection. */
  canSend(): boolean
  /**
   * Redis stored `item` at entry `stored`; called in append order. `previous` is the entry Redis
   * stored before it in this instance's stream (`''` when none is known).
   */
  stored(item: AppendItem, stored: string, previous: string): void
  /** Redis refused an append with an error reply (it is not durable; reported by the lane). */
  refused(error: unknown): void
  /** The buffer is back under half its budget after an append was refused for room. */
  roomAgain(): void
  /** Appends were answered: the lane may have become idle. */
  settled(): void
}

/**
 * One lane's appends Redis has not answered yet, in append order, and the memory they hold: each
 * is sent as an idempotent XADD (the APPEND script, with an entry id chosen here) once the lane may
 * send, sent again when the client gave up on it, and taken off the front once answered. Their
 * JSON counts against `maxBufferBytes` until Redis stored it and it was handed out (or released);
 * an append over the budget is refused. `acknowledged()` waits for the answers.
 */
export class PendingAppends {
  private readonly ids = new EntryIds()
  /** Appends not answered yet (sent or not), in append order: `pending[pendingHead]` is the oldest. */
  private pending: AppendItem[] = []
  private pendingHead = 0
  /** Index in `pending` of the first append not sent yet. */
  private unsentFrom = 0
  private seq = 0
  private buffered = 0
  private refusedForRoom = false
  /** The last entry Redis stored in this instance's stream, `''` when none (known). */
  private lastStoredEntry = ''
  private ackWaiters: { through: number; resolve: () => void }[] = []

  constructor(
    private readonly link: RedisLink,
    private readonly keys: LaneKeys,
    private readonly member: string,
    private readonly maxBufferBytes: number,
    private readonly counters: AppendCounters,
    private readonly events: PendingAppendsEvents,
  ) {}

  /** Bytes of JSON held for appends (see {@link AppendItem.buffered}). */
  get bufferedBytes(): number {
    return this.buffered
  }

  /** An append was refused for room, and the buffer has not drained to half its budget since. */
  get full(): boolean {
    return this.refusedForRoom
  }

  /** Has an append been sent that Redis has not answered yet? */
  get awaitingAnswers(): boolean {
    for (let i = this.pendingHead; i < this.pending.length; i++) {
      const item = this.pending[i] as AppendItem
      if (item.outcome === 'pending' && item.sent) return true
    }
    return false
  }

  /** The lane's own earlier backlog ends at `last`: this run's first stored entry follows it (unless one is known already). */
  backlogEndsAt(last: string): void {
    if (this.lastStoredEntry === '') this.lastStoredEntry = last
  }

  /**
   * Takes a message: returns its append (`state` `out` when `hold`, else `unread`), not sent yet
   * (call {@link sendUnsent}), or `undefined` when it does not fit in the buffer budget (counted
   * as refused; `full` is then true).
   */
  add(message: SpooledMessage, hold: boolean): AppendItem | undefined {
    const bytes = Buffer.byteLength(message.json) + message.id.length + 64
    if (this.buffered + bytes > this.maxBufferBytes) {
      this.counters.refused++
      this.refusedForRoom = true
      return undefined
    }
    const item: AppendItem = {
      kind: 'append',
      id: message.id,
      json: message.json,
      bytes,
      entryId: this.ids.next(Date.now()),
      seq: this.seq++,
      state: hold ? 'out' : 'unread',
      sent: false,
      outcome: 'pending',
      stored: undefined,
      buffered: true,
    }
    this.buffered += bytes
    this.pending.push(item)
    this.counters.appended++
    return item
  }

  /** Sends the appends not sent yet, in order, when the lane may send (after its OPEN on this connection). */
  sendUnsent(): void {
    if (!this.events.canSend()) return
    while (this.unsentFrom < this.pending.length) {
      const item = this.pending[this.unsentFrom] as AppendItem
      this.unsentFrom++
      if (item.outcome === 'skipped' || item.sent) continue
      this.sendNow(item)
    }
  }

  /** Takes answered appends off the front, in append order: stored ones go to the lane, their memory is given back. */
  drain(): void {
    while (this.pendingHead < this.pending.length) {
      const item = this.pending[this.pendingHead] as AppendItem
      if (item.outcome === 'pending') break
      this.pendingHead++
      if (item.outcome === 'stored' && item.stored !== undefined) {
        this.counters.written++
        this.ids.observe(item.stored)
        this.events.stored(item, item.stored, this.lastStoredEntry)
        this.lastStoredEntry = item.stored
        this.unbuffer(item)
      } else if (item.outcome === 'failed') {
        this.counters.writeErrors++
        // Unread: stays in memory (UnreadQueue keeps it) until read; else nothing to keep.
        if (item.state !== 'unread') this.unbuffer(item)
      } else {
        this.unbuffer(item)
      }
    }
    if (this.ackWaiters.length > 0) {
      const oldest = this.pending[this.pendingHead]?.seq ?? Number.POSITIVE_INFINITY
      this.ackWaiters = this.ackWaiters.filter((w) => {
        if (w.through >= oldest) return true
        w.resolve()
        return false
      })
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead)
      this.unsentFrom = Math.max(0, this.unsentFrom - this.pendingHead)
      this.pendingHead = 0
    }
    this.events.settled()
  }

  /**
   * Gives back the memory an append holds (once): its JSON is dropped unless it is still unread.
   * Says `roomAgain` when that brings the buffer back under half its budget after a refusal.
   */
  unbuffer(item: AppendItem): void {
    if (!item.buffered) return
    item.buffered = false
    this.buffered -= item.bytes
    if (item.state !== 'unread') item.json = ''
    if (this.refusedForRoom && this.buffered <= this.maxBufferBytes / 2) {
      this.refusedForRoom = false
      this.events.roomAgain()
    }
  }

  /** Resolves once Redis has answered every append made before the call (or after {@link clear}). Never rejects. */
  acknowledged(): Promise<void> {
    const last = this.pending[this.pending.length - 1]
    if (last === undefined || this.pendingHead >= this.pending.length) return Promise.resolve()
    const through = last.seq
    return new Promise((resolve) => this.ackWaiters.push({ through, resolve }))
  }

  /** Appends not answered and not released: `lost` never sent, `unknown` sent without an answer (possibly stored). */
  unanswered(): { lost: number; unknown: number } {
    let lost = 0
    let unknown = 0
    for (let i = this.pendingHead; i < this.pending.length; i++) {
      const item = this.pending[i] as AppendItem
      if (item.state === 'released' || item.outcome !== 'pending') continue
      if (item.sent) unknown++
      else lost++
    }
    return { lost, unknown }
  }

  /** Forgets every append (the lane closed) and resolves the `acknowledged()` waiters. */
  clear(): void {
    for (const waiter of this.ackWaiters.splice(0)) waiter.resolve()
    this.pending = []
    this.pendingHead = 0
    this.unsentFrom = 0
  }

  private sendNow(item: AppendItem): void {
    item.sent = true
    this.link.run(APPEND, [this.keys.own, this.keys.owners, this.keys.hb], [this.member, item.entryId, item.id, item.json]).then(
      (reply) => {
        item.outcome = 'stored'
        item.stored = typeof reply === 'string' ? reply : String(reply)
        this.drain()
      },
      (error: unknown) => {
        if (isReplyError(error)) {
          item.outcome = 'failed'
          this.events.refused(error)
          this.drain()
          return
        }
        // The client gave up on the command (connection lost without a resend): send it again later.
        item.sent = false
        const index = this.pendingHead + Math.max(0, item.seq - (this.pending[this.pendingHead]?.seq ?? item.seq))
        this.unsentFrom = Math.min(this.unsentFrom, index)
        if (this.link.ready) this.sendUnsent()
      },
    )
  }
}
