import type { Destination, EncodeContext } from '../destination.js'
import { ValidationError } from '../errors.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import { byteLength } from '../platform/utf8.js'
import type { Message } from '../spec/message.js'
import type { LaneListener, LaneSpool } from '../spool/spool-types.js'
import type { Clock } from './clock.js'
import type { DeliveryCounts } from './delivery-report.js'
import type { Transport } from './http-transport.js'
import { MessageQueue, type QueuedMessage } from './message-queue.js'
import { OutageGate } from './outage-gate.js'
import { PipelineEvents, type EmitFn } from './pipeline-events.js'
import { sendBatch, type BatchOutcome, type SendBatchContext } from './send-batch.js'
import type { PipelineSettings } from './settings.js'
import { SpoolFeed, type SpoolRead } from './spool-feed.js'
import { takeBatch } from './take-batch.js'

/** An encoded message, ready to be queued. */
export interface EncodedMessage {
  id: string
  json: string
  bytes: number
}

// EmitFn's home is pipeline-events.ts; re-exported here for the client modules that import it with the pipeline.
export type { EmitFn } from './pipeline-events.js'

/** What a pipeline is wired to: its I/O, its clock and its client. */
export interface PipelineDeps {
  transport: Transport
  clock: Clock
  emit: EmitFn
  hasListener: (event: keyof AnalyticsEvents) => boolean
  /** Opens this destination's spool lane, when the client has a spool. */
  openLane?: (listener: LaneListener) => LaneSpool
  /** Secrets of the client besides the destination's (its proxy's credentials), masked in events too. */
  clientSecrets?: readonly string[]
}

interface Waiter {
  through: number
  resolve: () => void
}

/**
 * One destination's delivery: a window of at most `maxQueueSize` messages in memory, a batcher (by
 * count, bytes and interval), up to `maxInFlight` requests at once, each retried by
 * {@link sendBatch}. It owns its counters and its failure domain: nothing here waits on another
 * destination.
 *
 * Without a spool the window is the queue: past `maxQueueSize` new messages are dropped (counted).
 * With a spool the spool is the queue ({@link SpoolFeed}): nothing is dropped while it has room,
 * and transient failures never fail a message ({@link OutageGate}).
 */
export class DeliveryPipeline {
  readonly name: string
  private readonly queue: MessageQueue
  private readonly feed: SpoolFeed | undefined
  private readonly outage: OutageGate | undefined
  private readonly abortController = new AbortController()
  private readonly inFlight = new Map<number, { minSeq: number; done: Promise<void> }>()
  private waiters: Waiter[] = []
  private roomWaiters: (() => void)[] = []
  private readonly sendContext: SendBatchContext
  /** Stops the interval timer; armed by the first message, so creating a client sets no timer (workerd refuses timers outside a request). */
  private stopTimer: (() => void) | undefined
  private readonly events: PipelineEvents
  /** This destination's HTTP layer (also its flag source's, when it provides flags). */
  readonly transport: Transport
  private seq = 0
  private batchIds = 0
  private drainThrough = 0
  private accepted = 0
  private counts = { delivered: 0, failed: 0, dropped: 0, filtered: 0 }
  private closing = false
  private pumpScheduled = false
  private pausedAt = 0

  constructor(
    name: string,
    readonly destination: Destination,
    readonly settings: PipelineSettings,
    deps: PipelineDeps,
  ) {
    this.name = name
    this.events = new PipelineEvents(name, destination, deps.emit, deps.hasListener, deps.clientSecrets)
    this.transport = deps.transport
    this.queue = new MessageQueue(settings.maxQueueSize)
    if (deps.openLane) {
      const lane = deps.openLane({
        readable: () => this.refill(),
        error: (error) => this.events.laneError(error),
      })
      this.feed = new SpoolFeed(
        lane,
        (read) => this.onSpoolRead(read),
        (error) => this.events.spoolError(error),
      )
      this.outage = new OutageGate({ paused: (result) => this.onPaused(result), resumed: () => this.onResumed() })
    }
    const events = this.events
    this.sendContext = {
      destination,
      transport: deps.transport,
      settings,
      clock: deps.clock,
      signal: this.abortController.signal,
      outage: this.outage,
      get wantsAttempts() {
        return events.wantsAttempts
      },
      onAttempt: (info) => this.events.attempt(info),
      onRetry: (info) => this.events.retry(info),
      onSettled: (batch, outcome) => this.onSettled(batch, outcome),
    }
    this.clock = deps.clock
    this.refill()
  }

  private readonly clock: Clock

  /**
   * Encodes a message for this destination and checks the vendor's per-message limit.
   * Throws a `ValidationError` when it is too large. Pure apart from the adapter's `encode`.
   */
  encode(message: Message, context: EncodeContext): EncodedMessage {
    const json = this.destination.encode(message, context)
    const bytes = byteLength(json)
    const { messageBytes: limit, itemOverheadBytes = 0 } = this.destination.limits
    // What goes on the wire: the encoded item plus what the adapter adds to each item when sending.
    if (bytes + itemOverheadBytes > limit) {
      throw new ValidationError('message', `is ${bytes + itemOverheadBytes} bytes for ${this.name}, over its limit of ${limit} bytes`)
    }
    return { id: message.messageId, json, bytes }
  }

  /**
   * Takes an encoded message. Without a spool it joins the window, or is dropped (counted,
   * reported) when the window is full. With a spool it is appended first, so it is durable before
   * this returns, and joins the window only when there is room and nothing older waits in the
   * spool; it is dropped only when the spool refuses it (`spool-full`).
   */
  accept(encoded: EncodedMessage): void {
    const seq = this.seq + 1
    if (this.feed === undefined) {
      if (this.queue.full) {
        this.drop([encoded.id], 'queue-full')
        return
      }
      this.queue.push({ id: encoded.id, json: encoded.json, bytes: encoded.bytes, seq })
    } else {
      const held = this.feed.append(encoded.id, encoded.json, encoded.bytes, seq, this.queue.full)
      if (held === undefined) {
        this.drop([encoded.id], 'spool-full')
        return
      }
      if (held !== null) this.queue.push(held)
    }
    this.seq = seq
    this.accepted++
    if (this.stopTimer === undefined && !this.closing)
      this.stopTimer = this.clock.every(this.settings.flushIntervalMs, () => this.flushQueued())
    if (this.queue.length >= this.settings.flushAt) this.schedulePump()
  }

  /** Counts messages that will never be sent and reports them (`filtered` ones are counted apart). */
  drop(ids: string[], reason: AnalyticsEvents['dropped']['reason']): void {
    if (reason === 'filtered') this.counts.filtered += ids.length
    else this.counts.dropped += ids.length
    this.events.dropped(ids, reason)
  }

  /**
   * Resolves once every message accepted before the call (and the spool's backlog known then) is
   * delivered, failed or dropped; with a spool, also once the lane is paused by an outage (what
   * it holds then stays in the spool). At once after `abort()`. Never rejects.
   */
  flush(): Promise<void> {
    if (this.abortController.signal.aborted) return Promise.resolve()
    const through = this.seq
    this.drainThrough = Math.max(this.drainThrough, through)
    const done = new Promise<void>((resolve) => this.waiters.push({ through, resolve }))
    this.pump()
    this.refill()
    this.settleWaiters()
    return done
  }

  /**
   * Is there room for another message now? Without a spool: the window is not full. With one:
   * the spool is not over its budget.
   */
  hasRoom(): boolean {
    if (this.abortController.signal.aborted || this.closing) return true
    return this.feed ? !this.feed.lane.full : !this.queue.full
  }

  /**
   * Resolves at once when there is room, else once the window has drained to half its size (or
   * the spool has room again). Resolves at once after close. Never rejects.
   */
  waitForRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
  }

  /** Stops the timer and sends everything; `abort()` ends what is still in flight. */
  startClosing(): void {
    this.closing = true
    this.stopTimer?.()
    this.wakeRoomWaiters()
    this.pump()
  }

  /** Aborts in-flight requests and retry waits; what they held stays counted pending (and in the spool). */
  async abort(): Promise<void> {
    this.abortController.abort(new Error('closed'))
    await Promise.all([...this.inFlight.values()].map((b) => b.done))
    for (const waiter of this.waiters.splice(0)) waiter.resolve()
    this.wakeRoomWaiters()
  }

  /** Is the lane paused by an outage (with a spool)? */
  get paused(): boolean {
    return this.outage?.paused ?? false
  }

  /** Releases sockets and closes the spool lane (what it still holds is replayed on the next start). */
  async release(): Promise<void> {
    this.stopTimer?.()
    await this.transport.close().catch(() => undefined)
    await this.feed?.lane.close().catch(() => undefined)
  }

  /** This destination's counters. */
  snapshot(): DeliveryCounts {
    const { delivered, failed, dropped, filtered } = this.counts
    return { delivered, failed, dropped, filtered, pending: this.accepted - delivered - failed }
  }

  /**
   * Sends full batches soon, but not inside the caller's `track()`: building and starting a
   * request is left to a microtask, once however many messages arrive meanwhile.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return
    this.pumpScheduled = true
    queueMicrotask(() => {
      this.pumpScheduled = false
      this.pump()
    })
  }

  private flushQueued(): void {
    if (this.queue.length === 0) return
    this.drainThrough = Math.max(this.drainThrough, this.seq)
    this.pump()
  }

  private pump(): void {
    if (this.abortController.signal.aborted || this.paused) return
    while (this.inFlight.size < this.settings.maxInFlight) {
      const head = this.queue.peek()
      if (head === undefined) break
      if (this.queue.length < this.settings.flushAt && head.seq > this.drainThrough && !this.closing) break
      this.dispatch(takeBatch(this.queue, this.settings.flushAt, this.destination.limits))
    }
    this.checkRoom()
    this.refill()
  }

  /** Reads spooled messages back once the window has drained to half its size. */
  private refill(): void {
    if (this.feed === undefined || this.abortController.signal.aborted) return
    if (this.queue.length > this.settings.maxQueueSize / 2) return
    this.feed.refill(this.settings.maxQueueSize - this.queue.length)
  }

  private onSpoolRead({ items, backlog }: SpoolRead): void {
    for (const item of items) this.queue.push(item, true)
    this.accepted += backlog
    if (items.length === 0) {
      this.settleWaiters()
      return
    }
    // Read-back messages were accepted (or recovered) earlier: they are due now.
    const last = items[items.length - 1] as QueuedMessage
    this.drainThrough = Math.max(this.drainThrough, last.seq)
    this.pump()
    this.settleWaiters()
  }

  private dispatch(batch: QueuedMessage[]): void {
    const id = ++this.batchIds
    const minSeq = batch[0]?.seq ?? Number.POSITIVE_INFINITY
    const done = sendBatch(batch, this.sendContext).then(() => {
      this.inFlight.delete(id)
      this.settleWaiters()
      this.pump()
    })
    this.inFlight.set(id, { minSeq, done })
  }

  /** Wakes `waitForRoom()` callers once the window has drained to half (or the spool has room). */
  private checkRoom(): void {
    if (this.roomWaiters.length === 0) return
    if (this.feed ? !this.feed.lane.full : this.queue.length <= this.settings.maxQueueSize / 2) this.wakeRoomWaiters()
  }

  private settleWaiters(): void {
    this.checkRoom()
    if (this.waiters.length === 0) return
    if (this.paused) {
      // An outage: what is left is in the spool, and stays there until the vendor answers.
      for (const waiter of this.waiters.splice(0)) waiter.resolve()
      return
    }
    let lowest = Math.min(this.queue.peek()?.seq ?? Number.POSITIVE_INFINITY, this.feed?.lowestUnread() ?? Number.POSITIVE_INFINITY)
    for (const batch of this.inFlight.values()) lowest = Math.min(lowest, batch.minSeq)
    const waiting: Waiter[] = []
    for (const waiter of this.waiters) {
      if (waiter.through < lowest) waiter.resolve()
      else waiting.push(waiter)
    }
    this.waiters = waiting
  }

  private wakeRoomWaiters(): void {
    if (this.roomWaiters.length === 0) return
    for (const resolve of this.roomWaiters.splice(0)) resolve()
  }

  private onPaused(result: { reason: string; status?: number }): void {
    this.pausedAt = this.clock.now()
    this.events.paused(result)
    this.settleWaiters()
  }

  private onResumed(): void {
    this.events.resumed(Math.max(0, Math.round(this.clock.now() - this.pausedAt)))
    queueMicrotask(() => this.pump())
  }

  private onSettled(batch: QueuedMessage[], outcome: BatchOutcome): void {
    if (outcome.kind === 'aborted') return
    this.feed?.lane.release(batch.map((m) => m.receipt))
    if (outcome.kind === 'delivered') {
      this.counts.delivered += batch.length
      this.events.delivered(batch, outcome)
      return
    }
    this.counts.failed += batch.length
    this.events.failed(batch, outcome)
  }
}
