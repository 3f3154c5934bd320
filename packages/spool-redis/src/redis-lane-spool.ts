import { inspect } from 'node:util'
import { type LaneListener, type LaneSpool, type RecoveredMessage, type SpooledMessage, type SpoolReceipt } from '@polytrack/core'
import type { AppendItem, EntryReceipt, StreamRef } from './append-item.js'
import type { LaneKeys } from './lane-keys.js'
import { LaneErrorReporter, describeError } from './lane-error-reporter.js'
import { LaneFleet } from './lane-fleet.js'
import { PendingAppends } from './pending-appends.js'
import type { RedisLaneStats } from './redis-spool-options.js'
import type { RedisLink } from './redis-link.js'
import { ReleaseQueue } from './release-queue.js'
import { READ_TIMEOUT_MS, StreamReader, type BacklogStream } from './stream-reader.js'
import type { SpoolTimers } from './timers.js'
import { UnreadQueue } from './unread-queue.js'

/** What a lane needs from its spool. */
export interface LaneHost {
  readonly link: RedisLink
  /** This instance's id, as stored in keys and the heartbeat set. */
  readonly member: string
  readonly maxBufferBytes: number
  readonly takeoverAfterMs: number
  readonly timers: SpoolTimers
  /** Resolves when the spool's close budget (`closeTimeoutMs`, shared by all lanes) runs out. */
  closeBudget(): Promise<void>
  /** The lane closed (the spool forgets it). */
  closed(lane: RedisLaneSpool): void
}

/**
 * One destination's queue in Redis: this instance's stream `{T}:s:<instanceId>` plus the streams
 * it took over from dead instances (see the package README for the layout and the fleet rules).
 *
 * - `append` sends an idempotent XADD (a Lua script) that ioredis writes to the socket before it
 *   returns; while Redis is unreachable it is kept in memory, within `maxBufferBytes`.
 * - Unread messages are kept as ranges of the stream (`UnreadQueue`), and those Redis has not
 *   acknowledged yet in memory; `read` hands out the backlog first, then this run's messages,
 *   by XRANGE pages bounded by count and bytes.
 * - `release` batches XDELs; a message released before Redis got it is never written at all.
 */
export class RedisLaneSpool implements LaneSpool {
  readonly name: string
  readonly keys: LaneKeys
  private readonly link: RedisLink
  private readonly appends: PendingAppends
  private readonly unread = new UnreadQueue()
  private readonly reader: StreamReader
  private readonly releases: ReleaseQueue
  private readonly fleet: LaneFleet
  private readonly ownRef: StreamRef
  private readonly idleWaiters = new Set<() => void>()
  private readonly stopListening: (() => void)[] = []
  private isClosed = false
  private openStalled = false
  /** A read is under way (the pipeline never starts another before it settles). */
  private reading = false
  /** `readable()` was said during that read. */
  private readableLater = false
  private readonly counters = { appended: 0, refused: 0, written: 0, writeErrors: 0, released: 0, read: 0, takenOver: 0 }
  private readonly errors: LaneErrorReporter

  constructor(
    private readonly host: LaneHost,
    name: string,
    keys: LaneKeys,
    private readonly listener: LaneListener,
  ) {
    this.name = name
    this.keys = keys
    this.link = host.link
    this.ownRef = { key: keys.own, taken: false, outstanding: 0, readDone: false }
    this.errors = new LaneErrorReporter(name, listener)
    this.appends = new PendingAppends(this.link, keys, host.member, host.maxBufferBytes, this.counters, {
      canSend: () => this.link.ready && this.fleet.openSent,
      stored: (item, stored, previous) => {
        if (item.state === 'unread') this.unread.stored(item, stored, previous)
        else if (item.state === 'released') this.releases.add(this.ownRef, stored)
      },
      refused: (error) =>
        this.errors.report(
          'write',
          `Redis refused a message (${describeError(error)}): it is kept in memory only and would be lost by a crash`,
          error,
        ),
      roomAgain: () => this.readable(),
      settled: () => this.checkIdle(),
    })
    this.releases = new ReleaseQueue(
      this.link,
      keys,
      host.member,
      (error) =>
        this.errors.report(
          'release',
          `could not release messages in Redis (they may be sent again after a restart): ${describeError(error)}`,
          error,
        ),
      () => this.checkIdle(),
    )
    this.reader = new StreamReader(this.link, host.timers, {
      error: (code, message, cause) => this.errors.report(code, message, cause),
      readable: () => this.readable(),
      foreign: (stream, entry) => this.releases.add(stream, entry),
      readThrough: (stream) => this.releases.check(stream),
    })
    this.fleet = new LaneFleet(this.link, keys, host.member, host.takeoverAfterMs, host.timers, {
      opened: (own, taken) => this.opened(own, taken),
      taken: (streams) => this.tookOver(streams),
      error: (code, message, cause) => this.errors.report(code, message, cause),
      settled: () => this.checkIdle(),
    })
    for (const key of ['ownRef', 'link', 'host', 'listener', 'errors', 'appends', 'reader', 'releases', 'fleet'])
      Object.defineProperty(this, key, { enumerable: false })
    this.stopListening.push(this.link.onReady(() => this.onReady()))
    this.stopListening.push(this.link.onError((error) => this.errors.error(error)))
    if (this.link.ready) this.onReady()
  }

  get hasUnread(): boolean {
    return this.unread.count > 0 || this.reader.hasReadAhead || (this.link.ready && this.reader.backlogCount > 0) || this.openPending
  }

  get hasBacklog(): boolean {
    return this.reader.hasBacklogReadAhead || (this.link.ready && this.reader.backlogCount > 0) || this.openPending
  }

  /**
   * Whether an earlier backlog exists is about to be known: the first connection attempt is under
   * way, or connected and OPEN not answered yet. Then nothing is held and `flush()` waits, until it
   * is known, or the attempt fails (Redis unreachable, wrong password: the backlog counts as
   * unknown and messages flow from memory), or READ_TIMEOUT_MS passed (an unresponsive Redis).
   */
  private get openPending(): boolean {
    if (this.openStalled || this.isClosed) return false
    if (this.link.ready) return !this.fleet.openSent || this.fleet.openPending
    return this.link.connecting
  }

  get full(): boolean {
    return this.appends.full
  }

  append(message: SpooledMessage, hold: boolean): SpoolReceipt | undefined {
    if (this.isClosed) {
      this.counters.refused++
      return undefined
    }
    const item = this.appends.add(message, hold)
    if (item === undefined) return undefined
    this.reader.noteSize(message.json.length)
    if (!hold) this.unread.pushMemory(item)
    this.appends.sendUnsent()
    return item
  }

  read(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    this.reading = true
    return this.readNow(maxMessages, maxBytes).finally(() => {
      this.reading = false
      if (!this.readableLater) return
      // Said readable while this read was under way: the pipeline ignores that (it reads one at a
      // time), so say it again once the caller has taken this read's result.
      this.readableLater = false
      setImmediate(() => this.readable())
    })
  }

  private readNow(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    if (this.isClosed) return Promise.resolve([])
    if (this.openPending) return this.afterOpen().then(() => this.readNow(maxMessages, maxBytes))
    const ahead = this.reader.takeReadAhead(maxMessages, maxBytes)
    if (ahead !== undefined) return Promise.resolve(this.handedOut(ahead))
    if (this.link.ready && this.reader.backlogCount > 0) {
      return this.reader.readBacklog(maxMessages, maxBytes).then((messages) => this.handedOut(messages))
    }
    const first = this.unread.first()
    if (first === undefined) return Promise.resolve([])
    if (first.kind === 'memory') return Promise.resolve(this.readMemory(maxMessages, maxBytes))
    if (!this.link.ready) {
      this.reader.wantReadable()
      return Promise.resolve([])
    }
    return this.reader.readRun(this.unread, first, this.ownRef, maxMessages, maxBytes).then((messages) => this.handedOut(messages))
  }

  release(receipts: readonly SpoolReceipt[]): void {
    for (const value of receipts) {
      if (value === null || typeof value !== 'object') continue
      const receipt = value as AppendItem | EntryReceipt
      if (receipt.kind === 'append') {
        if (receipt.state === 'released') continue
        receipt.state = 'released'
        this.counters.released++
        if (receipt.outcome === 'stored' && receipt.stored !== undefined) this.releases.add(this.ownRef, receipt.stored)
        else if (receipt.outcome === 'pending' && !receipt.sent) {
          // Released before Redis ever got it: it is never written.
          receipt.outcome = 'skipped'
          this.appends.unbuffer(receipt)
        }
        // Sent and not answered: released when the answer comes (see drain).
      } else if (receipt.kind === 'entry') {
        if (receipt.released) continue
        receipt.released = true
        this.counters.released++
        receipt.stream.outstanding--
        this.releases.add(receipt.stream, receipt.entry)
      }
    }
    this.appends.drain()
  }

  async close(): Promise<void> {
    if (this.isClosed) return
    this.isClosed = true
    this.fleet.stop()
    this.reader.stop()
    this.releases.flush()
    const budget = this.host.closeBudget()
    await Promise.race([this.idle(), budget])
    if (this.link.ready && this.isIdle()) await Promise.race([this.fleet.goodbye(), budget])
    // What Redis never acknowledged and was not delivered is lost with this process.
    const { lost, unknown } = this.appends.unanswered()
    if (lost + unknown > 0) {
      this.errors.report(
        'lost',
        `closed with ${lost + unknown} message(s) Redis never acknowledged (${lost} never sent, it was unreachable${unknown > 0 ? `; ${unknown} sent without an answer, possibly stored` : ''}): they are not in the spool and may be lost`,
      )
    }
    for (const stop of this.stopListening.splice(0)) stop()
    this.appends.clear()
    this.unread.clear()
    this.host.closed(this)
  }

  /**
   * Resolves once Redis has acknowledged every message appended before the call (stored, or
   * refused), or once the lane is closed. While Redis is unreachable it waits. Never rejects.
   */
  acknowledged(): Promise<void> {
    if (this.isClosed) return Promise.resolve()
    return this.appends.acknowledged()
  }

  /** This lane's counters. */
  stats(): RedisLaneStats {
    return {
      ...this.counters,
      recovered: this.reader.recovered,
      missing: this.reader.missing,
      bufferedBytes: this.appends.bufferedBytes,
      unread: this.unread.count,
      backlog: this.reader.backlogCount,
    }
  }

  /** Has `close()` been called? */
  get closed(): boolean {
    return this.isClosed
  }

  /** What `console.log` and `util.inspect` show: the lane and its stream key. */
  [inspect.custom](): string {
    return `RedisLaneSpool { name: '${this.name}', key: '${this.keys.own}', closed: ${this.isClosed} }`
  }

  /** What `JSON.stringify` shows: the lane and its stream key. */
  toJSON(): { name: string; key: string; closed: boolean } {
    return { name: this.name, key: this.keys.own, closed: this.isClosed }
  }

  // ---- connection -------------------------------------------------------------------------

  private onReady(): void {
    if (this.isClosed) return
    this.fleet.connected()
    this.appends.sendUnsent()
    this.releases.flush()
    this.reader.connected()
  }

  // ---- reading ----------------------------------------------------------------------------

  private readMemory(maxMessages: number, maxBytes: number): RecoveredMessage[] {
    const out: RecoveredMessage[] = []
    let bytes = 0
    while (out.length < maxMessages && (out.length === 0 || bytes < maxBytes)) {
      const item = this.unread.shiftMemory()
      if (item === undefined) break
      item.state = 'out'
      bytes += item.json.length
      out.push({ id: item.id, json: item.json, receipt: item, backlog: false })
      if (item.outcome !== 'pending') this.appends.unbuffer(item)
    }
    this.counters.read += out.length
    return out
  }

  /** Waits until the earlier backlog is known (or cannot be now), at most READ_TIMEOUT_MS. */
  private afterOpen(): Promise<void> {
    return new Promise((resolve) => {
      let done = false
      const finish = (): void => {
        if (done) return
        done = true
        cancel()
        stopWatching()
        resolve()
      }
      const cancel = this.host.timers.after(READ_TIMEOUT_MS, () => {
        this.openStalled = true
        finish()
      })
      const check = (): void => {
        if (!this.openPending) finish()
        else if (this.link.ready && this.fleet.openSent) void this.fleet.whenOpened().then(check)
      }
      // After the lane's own ready handler (which sends OPEN).
      const stopWatching = this.link.onChange(() => queueMicrotask(check))
      check()
    })
  }

  private handedOut(messages: RecoveredMessage[]): RecoveredMessage[] {
    if (this.isClosed) return []
    this.counters.read += messages.length
    return messages
  }

  private opened(ownBacklog: BacklogStream | undefined, taken: BacklogStream[]): void {
    this.openStalled = false
    if (ownBacklog !== undefined) this.appends.backlogEndsAt(ownBacklog.last)
    for (const stream of taken) this.reader.addBacklog(stream)
    if (ownBacklog !== undefined) this.reader.addBacklog({ ...ownBacklog, ref: this.ownRef })
    this.appends.sendUnsent()
    if (this.reader.backlogCount > 0) this.readable()
  }

  private tookOver(streams: BacklogStream[]): void {
    this.counters.takenOver += streams.length
    for (const stream of streams) this.reader.addBacklog(stream)
    if (streams.length > 0) this.readable()
  }

  private readable(): void {
    if (this.isClosed) return
    if (this.reading) this.readableLater = true
    try {
      this.listener.readable()
    } catch {
      // The contract says it does not throw; a lane never lets a listener break it.
    }
  }

  // ---- close ------------------------------------------------------------------------------

  private isIdle(): boolean {
    return !this.appends.awaitingAnswers && this.releases.idle && this.fleet.idle
  }

  private idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.add(resolve))
  }

  private checkIdle(): void {
    if (this.idleWaiters.size === 0 || !this.isIdle()) return
    for (const resolve of [...this.idleWaiters]) resolve()
    this.idleWaiters.clear()
  }
}
