import type { Destination, EncodeContext } from '../destination.js'
import { DeliveryError, PolytrackError, ValidationError } from '../errors.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import type { Message } from '../spec/message.js'
import type { DeliveryCounts } from './delivery-report.js'
import type { Transport } from './http-transport.js'
import { MessageQueue, type QueuedMessage } from './message-queue.js'
import { redact } from './redact.js'
import { sendBatch, type BatchOutcome, type SendBatchContext } from './send-batch.js'
import type { LaneSpool } from '../spool/spool-types.js'
import type { PipelineSettings } from './settings.js'
import { takeBatch } from './take-batch.js'

/** An encoded message, ready to be queued. */
export interface EncodedMessage {
  id: string
  json: string
  bytes: number
}

/** How a pipeline reports to its client. */
export type EmitFn = <K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]) => void

/**
 * One destination's delivery: a bounded queue, a batcher (by count, bytes and interval, on an
 * unref()ed timer), up to `maxInFlight` requests at once, each retried by {@link sendBatch}.
 * It owns its counters and its failure domain: nothing here waits on another destination.
 */
export class DeliveryPipeline {
  readonly name: string
  private readonly queue: MessageQueue
  private readonly abortController = new AbortController()
  private readonly inFlight = new Map<number, { minSeq: number; done: Promise<void> }>()
  private readonly waiters: { through: number; resolve: () => void }[] = []
  private readonly sendContext: SendBatchContext
  private readonly timer: NodeJS.Timeout
  private seq = 0
  private batchIds = 0
  private drainThrough = 0
  private accepted = 0
  private counts = { delivered: 0, failed: 0, dropped: 0, filtered: 0 }
  private closing = false
  private readonly warnedDrops = new Set<string>()
  /** Resolves once messages left in the spool by an earlier run are queued again. */
  private readonly recovered: Promise<void>

  constructor(
    name: string,
    readonly destination: Destination,
    readonly settings: PipelineSettings,
    private readonly transport: Transport,
    private readonly emit: EmitFn,
    private readonly hasListener: (event: keyof AnalyticsEvents) => boolean,
    private readonly spool?: LaneSpool,
  ) {
    this.name = name
    this.queue = new MessageQueue(settings.maxQueueSize)
    this.sendContext = {
      destination,
      transport,
      settings,
      signal: this.abortController.signal,
      get wantsAttempts() {
        return hasListener('request')
      },
      onAttempt: (info) => this.onAttempt(info),
      onRetry: (info) => this.onRetry(info),
      onSettled: (batch, outcome) => this.onSettled(batch, outcome),
    }
    this.timer = setInterval(() => this.flushQueued(), settings.flushInterval)
    this.timer.unref()
    this.recovered = spool ? this.recover(spool) : Promise.resolve()
  }

  /**
   * Encodes a message for this destination and checks the vendor's per-message limit.
   * Throws a `ValidationError` when it is too large. Pure apart from the adapter's `encode`.
   */
  encode(message: Message, context: EncodeContext): EncodedMessage {
    const json = this.destination.encode(message, context)
    const bytes = Buffer.byteLength(json)
    const { messageBytes: limit, itemOverheadBytes = 0 } = this.destination.limits
    // What goes on the wire: the encoded item plus what the adapter adds to each item when sending.
    if (bytes + itemOverheadBytes > limit) {
      throw new ValidationError('message', `is ${bytes + itemOverheadBytes} bytes for ${this.name}, over its limit of ${limit} bytes`)
    }
    return { id: message.messageId, json, bytes }
  }

  /**
   * Queues an encoded message, or drops it (counted, reported) when the queue is full. With a
   * spool, the message is appended to it first, so it is durable before this returns.
   */
  accept(encoded: EncodedMessage): void {
    if (this.queue.full) {
      this.drop([encoded.id], 'queue-full')
      return
    }
    let receipt: unknown
    if (this.spool) {
      receipt = this.spool.append({ id: encoded.id, json: encoded.json })
      if (receipt === undefined) {
        this.drop([encoded.id], 'spool-full')
        return
      }
    }
    const item: QueuedMessage = { id: encoded.id, json: encoded.json, bytes: encoded.bytes, seq: this.seq + 1, receipt }
    this.queue.push(item)
    this.seq++
    this.accepted++
    if (this.queue.length >= this.settings.flushAt) this.schedulePump()
  }

  private pumpScheduled = false

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

  /** Counts messages that will never be sent and reports them (`filtered` ones are counted apart). */
  drop(ids: string[], reason: AnalyticsEvents['dropped']['reason']): void {
    if (reason === 'filtered') this.counts.filtered += ids.length
    else this.counts.dropped += ids.length
    if (this.hasListener('dropped')) this.emit('dropped', { destination: this.name, count: ids.length, messageIds: ids, reason })
    else if (reason !== 'filtered' && !this.warnedDrops.has(reason)) {
      // Nobody listens: say so once per reason, never silently.
      this.warnedDrops.add(reason)
      process.emitWarning(
        `Polytrack dropped message(s) for ${this.name} (${reason}); listen for 'dropped' events or read close()'s report for counts (further warnings of this kind are not shown)`,
        { code: 'POLYTRACK_DROPPED' },
      )
    }
  }

  /** Resolves once every message queued before the call (or recovered from the spool) is delivered, failed or dropped. */
  async flush(): Promise<void> {
    await this.recovered
    const through = this.seq
    this.drainThrough = Math.max(this.drainThrough, through)
    const done = new Promise<void>((resolve) => this.waiters.push({ through, resolve }))
    this.pump()
    this.settleWaiters()
    return done
  }

  /** Stops the timer and sends everything; `abort()` ends what is still in flight. */
  startClosing(): void {
    this.closing = true
    clearInterval(this.timer)
  }

  /** Aborts in-flight requests and retry waits; what they held stays counted pending. */
  async abort(): Promise<void> {
    this.abortController.abort(new Error('closed'))
    await Promise.all([...this.inFlight.values()].map((b) => b.done))
    for (const waiter of this.waiters.splice(0)) waiter.resolve()
  }

  /** Releases sockets and closes the spool (what it still holds is replayed on the next start). */
  async release(): Promise<void> {
    clearInterval(this.timer)
    await this.transport.close()
    await this.spool?.close()
  }

  /** This destination's counters. */
  snapshot(): DeliveryCounts {
    const { delivered, failed, dropped, filtered } = this.counts
    return { delivered, failed, dropped, filtered, pending: this.accepted - delivered - failed }
  }

  private async recover(spool: LaneSpool): Promise<void> {
    try {
      for (const message of await spool.recover()) {
        this.seq++
        this.accepted++
        this.queue.push({ id: message.id, json: message.json, bytes: Buffer.byteLength(message.json), seq: this.seq, receipt: message.receipt }, true)
      }
      this.drainThrough = Math.max(this.drainThrough, this.seq)
      this.pump()
    } catch (error) {
      this.emit('error', { destination: this.name, error: new PolytrackError('spool_recover', `could not read the spool of ${this.name}: ${(error as Error).message}`, { cause: error }), messageIds: [] })
    }
  }

  private flushQueued(): void {
    if (this.queue.length === 0) return
    this.drainThrough = Math.max(this.drainThrough, this.seq)
    this.pump()
  }

  private pump(): void {
    if (this.abortController.signal.aborted) return
    while (this.inFlight.size < this.settings.maxInFlight) {
      const head = this.queue.peek()
      if (head === undefined) return
      if (this.queue.length < this.settings.flushAt && head.seq > this.drainThrough && !this.closing) return
      this.dispatch(takeBatch(this.queue, this.settings.flushAt, this.destination.limits))
    }
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

  private settleWaiters(): void {
    if (this.waiters.length === 0) return
    let lowest = this.queue.peek()?.seq ?? Number.POSITIVE_INFINITY
    for (const batch of this.inFlight.values()) lowest = Math.min(lowest, batch.minSeq)
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i] as { through: number; resolve: () => void }
      if (waiter.through < lowest) {
        this.waiters.splice(i, 1)
        waiter.resolve()
      }
    }
  }

  private onAttempt(info: Parameters<SendBatchContext['onAttempt']>[0]): void {
    if (!this.hasListener('request')) return
    const { result } = info
    this.emit('request', {
      destination: this.name,
      url: info.url,
      attempt: info.attempt,
      count: info.batch.length,
      bytes: info.bytes,
      ...('status' in result && result.status !== undefined ? { status: result.status } : {}),
      outcome: result.kind,
      durationMs: info.durationMs,
    })
  }

  private onRetry(info: Parameters<SendBatchContext['onRetry']>[0]): void {
    if (!this.hasListener('retry')) return
    this.emit('retry', {
      destination: this.name,
      count: info.batch.length,
      attempt: info.attempt,
      delayMs: info.delayMs,
      reason: redact(info.result.reason, this.destination.secrets),
      ...(info.result.status === undefined ? {} : { status: info.result.status }),
    })
  }

  private onSettled(batch: QueuedMessage[], outcome: BatchOutcome): void {
    if (outcome.kind === 'aborted') return
    if (this.spool) this.spool.release(batch.map((m) => m.receipt))
    if (outcome.kind === 'delivered') {
      this.counts.delivered += batch.length
      if (this.hasListener('delivered')) {
        this.emit('delivered', {
          destination: this.name,
          count: batch.length,
          messageIds: batch.map((m) => m.id),
          status: outcome.status,
          attempts: outcome.attempts,
          durationMs: outcome.durationMs,
        })
      }
      return
    }
    this.counts.failed += batch.length
    const secrets = this.destination.secrets
    const serverText = outcome.serverText === undefined ? undefined : redact(outcome.serverText, secrets)
    const status = outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`
    const error = new DeliveryError(
      outcome.status === undefined ? 'delivery_failed' : `http_${outcome.status}`,
      `${batch.length} message(s) to ${this.name} failed${status}` +
        (outcome.reason === `HTTP ${outcome.status}` ? '' : `: ${redact(outcome.reason, secrets)}`) +
        (serverText ? ` — server said: ${serverText}` : ''),
      {
        destination: this.name,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        ...(serverText === undefined ? {} : { serverText }),
      },
    )
    this.emit('error', { destination: this.name, error, messageIds: batch.map((m) => m.id) })
  }
}
