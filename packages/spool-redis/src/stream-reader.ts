import type { RecoveredMessage } from '@polytrack/core'
import type { EntryReceipt, StreamRef } from './append-item.js'
import { isReplyError, type RedisLink } from './redis-link.js'
import type { RedisSpoolErrorKind } from './redis-spool-error.js'
import { parseEntries } from './stream-entries.js'
import type { SpoolTimers } from './timers.js'
import type { RunSegment, UnreadQueue } from './unread-queue.js'

/** A read Redis does not answer within this is given up (and tried again), so `read` never hangs. */
export const READ_TIMEOUT_MS = 10_000
/** After a read given up, the lane says it is readable again this much later. */
export const READ_RETRY_MS = 1_000
/** Fewest and most entries one XRANGE asks for. */
const MIN_PAGE = 1
const MAX_PAGE = 1_000

/** A backlog stream: an earlier run's entries of this instance's stream, or a stream taken over. */
export interface BacklogStream {
  ref: StreamRef
  /** Start of the next XRANGE: `-` or `(<id>`. */
  next: string
  /** Its last entry when it became known: the end of every XRANGE. */
  last: string
  /** Entries not read yet. */
  count: number
}

export interface ReaderEvents {
  error(kind: RedisSpoolErrorKind, message: string, cause?: unknown): void
  readable(): void
  /** An entry that is not the spool's (no `i`/`j`): released at once. */
  foreign(stream: StreamRef, entry: string): void
  /** A backlog stream was read through (a taken-over one is deleted once all of it is released). */
  readThrough(stream: StreamRef): void
}

/**
 * Reads streams back by XRANGE pages bounded by count and by bytes (the page size follows the
 * average message size, so a page is about `maxBytes`); what a page brings beyond `maxBytes` is
 * kept for the next read (read-ahead), never more than one page. Memory is one page, whatever
 * the backlog; each entry is transferred and parsed once.
 */
export class StreamReader {
  private readonly backlog: BacklogStream[] = []
  /** Known backlog entries not read yet. */
  backlogCount = 0
  private readAhead: RecoveredMessage[] = []
  private readAheadBacklog = false
  private averageBytes = 512
  private token = 0
  private wanted = false
  private cancelTimeout: (() => void) | undefined
  private cancelRetry: (() => void) | undefined
  private stopped = false
  /** Entries expected and not found (counted, reported). */
  missing = 0
  /** Backlog messages handed out. */
  recovered = 0

  constructor(
    private readonly link: RedisLink,
    private readonly timers: SpoolTimers,
    private readonly events: ReaderEvents,
  ) {}

  get hasReadAhead(): boolean {
    return this.readAhead.length > 0
  }

  get hasBacklogReadAhead(): boolean {
    return this.readAheadBacklog && this.readAhead.length > 0
  }

  /** A message of this size was appended (the page size follows the average). */
  noteSize(bytes: number): void {
    this.averageBytes += (bytes - this.averageBytes) / 64
  }

  addBacklog(stream: BacklogStream): void {
    this.backlog.push(stream)
    this.backlogCount += stream.count
  }

  /** Nothing could be read for want of a connection: say readable once it is back. */
  wantReadable(): void {
    this.wanted = true
  }

  connected(): void {
    if (this.stopped) return
    if (this.wanted || this.backlogCount > 0) {
      this.wanted = false
      this.events.readable()
    }
  }

  stop(): void {
    this.stopped = true
    this.token++
    this.cancelTimeout?.()
    this.cancelRetry?.()
    this.readAhead = []
  }

  /** What the last page brought beyond its byte budget, if any. */
  takeReadAhead(maxMessages: number, maxBytes: number): RecoveredMessage[] | undefined {
    if (this.readAhead.length === 0) return undefined
    const { taken, rest } = split(this.readAhead, maxMessages, maxBytes)
    this.readAhead = rest
    return taken
  }

  /** Reads the oldest backlog stream's next page. */
  readBacklog(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    const stream = this.backlog[0] as BacklogStream
    const asked = this.pageSize(maxMessages, stream.count, maxBytes)
    const sentCount = stream.count
    return this.xrange(stream.ref, stream.next, stream.last, asked, true).then((page) => {
      if (page === undefined) return []
      const { messages, got, lastId } = page
      if (got >= asked && lastId !== undefined) {
        stream.next = `(${lastId}`
        stream.count -= got
        this.backlogCount -= got
      } else {
        this.lost(sentCount - got, stream.ref.key)
        this.backlogCount -= sentCount
        stream.count = 0
      }
      if (stream.count <= 0) {
        stream.ref.readDone = true
        this.backlog.shift()
        this.events.readThrough(stream.ref)
      }
      this.recovered += messages.length
      return this.keep(messages, maxMessages, maxBytes, true)
    })
  }

  /** Reads the next page of this run's unread entries (`run` is the queue's first segment). */
  readRun(unread: UnreadQueue, run: RunSegment, own: StreamRef, maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    const asked = this.pageSize(maxMessages, run.count, maxBytes)
    const sentCount = run.count
    const sentLast = run.last
    return this.xrange(own, run.after, sentLast, asked, false).then((page) => {
      if (page === undefined) return []
      const missing = unread.consumed(run, asked, sentCount, sentLast, page.got, page.lastId)
      this.lost(missing, own.key)
      return this.keep(page.messages, maxMessages, maxBytes, false)
    })
  }

  private pageSize(maxMessages: number, count: number, maxBytes: number): number {
    const byBytes = Math.floor(maxBytes / Math.max(64, this.averageBytes))
    return Math.max(MIN_PAGE, Math.min(maxMessages, count, MAX_PAGE, Math.max(1, byBytes)))
  }

  private keep(messages: RecoveredMessage[], maxMessages: number, maxBytes: number, backlog: boolean): RecoveredMessage[] {
    const { taken, rest } = split(messages, maxMessages, maxBytes)
    if (rest.length > 0) {
      this.readAhead = rest
      this.readAheadBacklog = backlog
    }
    return taken
  }

  private lost(count: number, key: string): void {
    if (count <= 0) return
    this.missing += count
    this.events.error(
      'missing',
      `${count} message(s) expected in ${key} were not there (deleted by hand, or taken over by another instance while this one was cut off from Redis)`,
    )
  }

  /**
   * One XRANGE `[start, end]` (`start` may be exclusive), COUNT `count`. Resolves `undefined` when
   * it could not be read now (connection lost, or no answer within READ_TIMEOUT_MS: the lane
   * says readable again later).
   */
  private xrange(
    ref: StreamRef,
    start: string,
    end: string,
    count: number,
    backlog: boolean,
  ): Promise<{ messages: RecoveredMessage[]; got: number; lastId: string | undefined } | undefined> {
    const token = ++this.token
    return new Promise((resolve) => {
      this.cancelTimeout = this.timers.after(READ_TIMEOUT_MS, () => {
        if (token !== this.token) return
        this.token++
        resolve(undefined)
        this.retryLater()
      })
      this.link.send('XRANGE', [ref.key, start, end, 'COUNT', count]).then(
        (reply) => {
          if (token !== this.token) return
          this.cancelTimeout?.()
          const entries = parseEntries(reply)
          const messages: RecoveredMessage[] = []
          for (const { entry, id, json } of entries) {
            if (id === undefined || json === undefined) {
              this.events.foreign(ref, entry)
              continue
            }
            ref.outstanding++
            this.noteSize(json.length)
            const receipt: EntryReceipt = { kind: 'entry', stream: ref, entry, released: false }
            messages.push({ id, json, receipt, backlog })
          }
          resolve({ messages, got: entries.length, lastId: entries[entries.length - 1]?.entry })
        },
        (error: unknown) => {
          if (token !== this.token) return
          this.cancelTimeout?.()
          if (isReplyError(error)) {
            // The key is not a stream any more (or the command is refused): nothing can be read from it.
            this.events.error('read', `could not read ${ref.key} (${(error as Error).message.split('\n')[0]})`, error)
            resolve({ messages: [], got: 0, lastId: undefined })
          } else {
            this.wanted = true
            resolve(undefined)
          }
        },
      )
    })
  }

  private retryLater(): void {
    if (this.stopped) return
    this.cancelRetry?.()
    this.cancelRetry = this.timers.after(READ_RETRY_MS, () => {
      this.cancelRetry = undefined
      if (!this.stopped) this.events.readable()
    })
  }
}

/** The first messages within `maxMessages` and `maxBytes` (the first one always), and the rest. */
function split(
  messages: RecoveredMessage[],
  maxMessages: number,
  maxBytes: number,
): { taken: RecoveredMessage[]; rest: RecoveredMessage[] } {
  let bytes = 0
  let n = 0
  while (n < messages.length && n < maxMessages && (n === 0 || bytes < maxBytes)) {
    bytes += (messages[n] as RecoveredMessage).json.length
    n++
  }
  return { taken: n === messages.length ? messages : messages.slice(0, n), rest: n === messages.length ? [] : messages.slice(n) }
}
