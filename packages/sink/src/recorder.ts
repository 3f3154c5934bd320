/**
 * Everything the sink remembers: recent messages and requests (ring buffers) and the counters.
 */
import { RingBuffer } from './ring-buffer.js'
import type { AcceptedMessage } from './sink-protocol.js'
import { StatsBook, type RequestOutcome } from './stats-book.js'
import type { MessageFilter, RecordedMessage, RecordedRequest, RequestFilter, SinkStats, VendorName } from './types.js'

/** What {@link Recorder.subscribe} listeners hear: an accepted request's messages, or a reset. */
export type RecorderEvent = { kind: 'messages'; request: RecordedRequest; messages: readonly RecordedMessage[] } | { kind: 'reset' }

/** Capacities of a {@link Recorder}. */
export interface RecorderOptions {
  maxRecorded: number
  maxRequests: number
}

function matchesMessage(filter: MessageFilter): (message: RecordedMessage) => boolean {
  return (message) =>
    (filter.vendor === undefined || message.vendor === filter.vendor) &&
    (filter.type === undefined || message.type === filter.type) &&
    (filter.userId === undefined || message.userId === filter.userId)
}

/** Stores messages, requests and counters. */
export class Recorder {
  readonly #messages: RingBuffer<RecordedMessage>
  readonly #requests: RingBuffer<RecordedRequest>
  readonly #stats = new StatsBook()
  readonly #listeners = new Set<(event: RecorderEvent) => void>()
  #seq = 0
  #requestSeq = 0

  constructor(options: RecorderOptions) {
    this.#messages = new RingBuffer(options.maxRecorded)
    this.#requests = new RingBuffer(options.maxRequests)
  }

  /** Allocates the id of a newly arrived request. */
  nextRequestId(): number {
    return ++this.#requestSeq
  }

  /** Records every message of one accepted request; returns the records. */
  recordMessages(vendor: VendorName, requestId: number, receivedAt: string, messages: readonly AcceptedMessage[]): RecordedMessage[] {
    const out: RecordedMessage[] = []
    for (const message of messages) {
      this.#stats.countMessage(vendor, message.type, message.id)
      const recorded: RecordedMessage = {
        vendor,
        seq: ++this.#seq,
        requestId,
        receivedAt,
        type: message.type,
        id: message.id,
        payload: message.payload,
      }
      if (message.userId !== undefined) recorded.userId = message.userId
      this.#messages.push(recorded)
      out.push(recorded)
    }
    return out
  }

  /**
   * Records one answered (or dropped) ingestion request; `messages` (the records of its accepted
   * messages) are announced to the subscribers.
   */
  recordRequest(request: RecordedRequest, outcome: RequestOutcome, messages?: readonly RecordedMessage[]): void {
    this.#stats.countRequest(request.vendor, outcome)
    this.#requests.push(request)
    if (messages !== undefined && messages.length > 0) this.#emit({ kind: 'messages', request, messages })
  }

  /** Records a feature-flag request: kept with the requests, not counted in the stats. */
  recordFlagRequest(request: RecordedRequest): void {
    this.#requests.push(request)
  }

  /** Calls `listener` for each accepted request and on reset; returns the unsubscribe function. */
  subscribe(listener: (event: RecorderEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Number of current subscribers. */
  get subscribers(): number {
    return this.#listeners.size
  }

  #emit(event: RecorderEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  /** Recorded messages, oldest first. */
  messages(filter: MessageFilter = {}): RecordedMessage[] {
    return this.#messages.toArray(matchesMessage(filter))
  }

  /** The newest `count` recorded messages, oldest first. */
  recentMessages(count: number): RecordedMessage[] {
    return this.#messages.last(count)
  }

  /** Recorded requests, oldest first. */
  requests(filter: RequestFilter = {}): RecordedRequest[] {
    const { vendor, kind } = filter
    if (vendor === undefined && kind === undefined) return this.#requests.toArray()
    return this.#requests.toArray(
      (request) => (vendor === undefined || request.vendor === vendor) && (kind === undefined || (request.kind ?? 'ingest') === kind),
    )
  }

  /** A snapshot of the counters. */
  stats(): SinkStats {
    return this.#stats.snapshot()
  }

  /** Clears records and counters (sequence numbers restart too). */
  reset(): void {
    this.#messages.clear()
    this.#requests.clear()
    this.#stats.clear()
    this.#seq = 0
    this.#requestSeq = 0
    this.#emit({ kind: 'reset' })
  }
}
