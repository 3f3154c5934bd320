import type { StreamRef } from './append-item.js'
import type { LaneKeys } from './lane-keys.js'
import type { RedisSpoolErrorKind } from './redis-spool-error.js'
import { GOODBYE, HEARTBEAT, OPEN } from './lua-scripts.js'
import { isReplyError, type RedisLink } from './redis-link.js'
import { parseStreams } from './stream-entries.js'
import type { BacklogStream } from './stream-reader.js'
import type { SpoolTimers } from './timers.js'

/** What the fleet part of a lane tells the lane. */
export interface FleetEvents {
  /** OPEN answered: this instance's earlier entries (if any) and the streams it already owned. */
  opened(own: BacklogStream | undefined, taken: BacklogStream[]): void
  /** A heartbeat took these streams over from dead instances. */
  taken(streams: BacklogStream[]): void
  error(kind: RedisSpoolErrorKind, message: string, cause?: unknown): void
  /** A script was answered (for close, which waits until none is outstanding). */
  settled(): void
}

/**
 * A lane's place in the fleet: OPEN once per run (before any append on the connection), then a
 * heartbeat every `takeoverAfterMs / 4`, each of which also takes over dead instances' streams
 * (see lua-scripts.ts), and a GOODBYE at close.
 */
export class LaneFleet {
  /** OPEN went out on a connection (appends may follow it). */
  openSent = false
  /** OPEN was answered (the earlier backlog is known). */
  opened = false
  /** OPEN failed with an error reply: the earlier backlog stays unknown this run. */
  openFailed = false
  private openWaiters: (() => void)[] = []
  private inflight = 0
  private beating = false
  private cancelTimer: (() => void) | undefined
  private stopped = false

  constructor(
    private readonly link: RedisLink,
    private readonly keys: LaneKeys,
    private readonly member: string,
    private readonly takeoverAfterMs: number,
    private readonly timers: SpoolTimers,
    private readonly events: FleetEvents,
  ) {}

  /** No script is waiting for an answer. */
  get idle(): boolean {
    return this.inflight === 0
  }

  /** The connection is (again) ready: OPEN the first time, a heartbeat after. */
  connected(): void {
    if (this.stopped) return
    if (!this.openSent) this.open()
    else this.heartbeat()
    this.arm()
  }

  /** OPEN went out and is not answered yet. */
  get openPending(): boolean {
    return this.openSent && !this.opened && !this.openFailed && !this.stopped
  }

  /** Resolves once OPEN is answered (or failed, or the lane stopped). */
  whenOpened(): Promise<void> {
    if (!this.openPending) return Promise.resolve()
    return new Promise((resolve) => this.openWaiters.push(resolve))
  }

  stop(): void {
    this.stopped = true
    this.settleOpen()
    this.cancelTimer?.()
    this.cancelTimer = undefined
  }

  /** Leaves the fleet when nothing is left (else stays, to be taken over once its heartbeat is old). */
  goodbye(): Promise<void> {
    if (!this.opened || !this.link.ready) return Promise.resolve()
    return this.track(this.link.run(GOODBYE, [this.keys.hb, this.keys.owners, this.keys.own], [this.member])).then(
      () => undefined,
      () => undefined,
    )
  }

  private open(): void {
    this.openSent = true
    this.track(this.link.run(OPEN, [this.keys.hb, this.keys.owners, this.keys.own], [this.member])).then(
      (reply) => {
        this.opened = true
        const list = Array.isArray(reply) ? reply : []
        const ownLength = Number(list[0])
        const ownLast = typeof list[1] === 'string' ? list[1] : ''
        const own: BacklogStream | undefined =
          Number.isSafeInteger(ownLength) && ownLength > 0 && ownLast !== ''
            ? { ref: { key: this.keys.own, taken: false, outstanding: 0, readDone: false }, next: '-', last: ownLast, count: ownLength }
            : undefined
        const taken = parseStreams(list, 2, 3).map((s) => backlogOf(s.key, s.length, s.last))
        this.events.opened(own, taken)
        this.settleOpen()
        this.heartbeat()
      },
      (error: unknown) => {
        if (isReplyError(error)) {
          this.openFailed = true
          this.events.error(
            'open',
            `could not open the lane in Redis (${messageOf(error)}): an earlier run's backlog is not read by this one`,
            error,
          )
        } else {
          this.openSent = false // lost with the connection: OPEN again (before any append) once it is back
        }
        this.settleOpen()
      },
    )
  }

  private settleOpen(): void {
    for (const resolve of this.openWaiters.splice(0)) resolve()
  }

  private heartbeat(): void {
    if (this.stopped || this.beating || !this.opened || !this.link.ready) return
    this.beating = true
    this.track(this.link.run(HEARTBEAT, [this.keys.hb, this.keys.owners, this.keys.counter], [this.member, this.takeoverAfterMs, 1])).then(
      (reply) => {
        this.beating = false
        const list = Array.isArray(reply) ? reply : []
        if (Number(list[0]) === 1) {
          this.events.error(
            'taken_over',
            `this instance (${this.member}) was silent for longer than takeoverAfterMs (${this.takeoverAfterMs} ms) and another instance took its backlog over; it goes on, but messages it held then may be delivered twice (same messageId)`,
          )
        }
        const streams = parseStreams(list, 1, 4)
        if (streams.length === 0) return
        const owners = [...new Set(streams.map((s) => s.owner))]
        const count = streams.reduce((n, s) => n + s.length, 0)
        this.events.taken(streams.map((s) => backlogOf(s.key, s.length, s.last)))
        this.events.error(
          'takeover',
          `took over ${count} message(s) from ${owners.length} instance(s) silent for longer than ${this.takeoverAfterMs} ms (${owners.join(', ')}); delivering them`,
        )
      },
      (error: unknown) => {
        this.beating = false
        if (isReplyError(error)) this.events.error('heartbeat', `the heartbeat failed (${messageOf(error)})`, error)
      },
    )
  }

  private arm(): void {
    if (this.stopped || this.cancelTimer !== undefined) return
    this.cancelTimer = this.timers.after(Math.max(1, Math.floor(this.takeoverAfterMs / 4)), () => {
      this.cancelTimer = undefined
      this.heartbeat()
      this.arm()
    })
  }

  private track<T>(command: Promise<T>): Promise<T> {
    this.inflight++
    const done = (): void => {
      this.inflight--
      this.events.settled()
    }
    command.then(done, done)
    return command
  }
}

function backlogOf(key: string, count: number, last: string): BacklogStream {
  const ref: StreamRef = { key, taken: true, outstanding: 0, readDone: false }
  return { ref, next: '-', last, count }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string
}
