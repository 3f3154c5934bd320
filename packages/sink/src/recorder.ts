/**
 * Everything the sink remembers: recent messages and requests (ring buffers) and the counters.
 */
import { RingBuffer } from './ring-buffer.js'
import { StatsBook, type RequestOutcome } from './stats-book.js'
import type {
  MessageFilter,
  RecordedMessage,
  RecordedRequest,
  RequestFilter,
  SinkStats,
  VendorName,
} from './types.js'

/** A validated message, ready to be recorded. */
export interface AcceptedMessage {
  type: string
  id: string
  userId?: string
  payload: unknown
}

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

  /** Records every message of one accepted request. */
  recordMessages(vendor: VendorName, requestId: number, receivedAt: string, messages: readonly AcceptedMessage[]): void {
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
    }
  }

  /** Records one answered (or dropped) ingestion request. */
  recordRequest(request: RecordedRequest, outcome: RequestOutcome): void {
    this.#stats.countRequest(request.vendor, outcome)
    this.#requests.push(request)
  }

  /** Recorded messages, oldest first. */
  messages(filter: MessageFilter = {}): RecordedMessage[] {
    return this.#messages.toArray(matchesMessage(filter))
  }

  /** Recorded requests, oldest first. */
  requests(filter: RequestFilter = {}): RecordedRequest[] {
    const { vendor } = filter
    return this.#requests.toArray(vendor === undefined ? undefined : (request) => request.vendor === vendor)
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
  }
}
