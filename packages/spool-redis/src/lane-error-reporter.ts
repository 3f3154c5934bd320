import type { LaneListener, PolytrackError } from '@polytrack/core'
import { RedisSpoolError, type RedisSpoolErrorKind } from './redis-spool-error.js'

/**
 * How a Redis lane reports its errors to its listener: as `RedisSpoolError`s naming the lane, with
 * `write` and `release` errors reported once per kind for the lane's life (a failing Redis would
 * otherwise flood). A listener that throws never breaks the lane.
 */
export class LaneErrorReporter {
  private readonly reported = new Set<string>()

  constructor(
    private readonly laneName: string,
    private readonly listener: LaneListener,
  ) {}

  /** Reports a `RedisSpoolError` of `kind` (`Redis spool, lane <name>: <message>`), unless a `write`/`release` one was reported already. */
  report(kind: RedisSpoolErrorKind, message: string, cause?: unknown): void {
    if (kind === 'write' || kind === 'release') {
      // One report per kind until the lane is reopened: a failing Redis would otherwise flood.
      if (this.reported.has(kind)) return
      this.reported.add(kind)
    }
    this.error(new RedisSpoolError(kind, `Redis spool, lane ${this.laneName}: ${message}`, cause === undefined ? undefined : { cause }))
  }

  /** Hands `error` to the listener as it is; never throws. */
  error(error: PolytrackError): void {
    try {
      this.listener.error(error)
    } catch {
      // The contract says it does not throw; a lane never lets a listener break it.
    }
  }
}

/** The first line of an error's message (or of the thrown value as a string), cut at 200 characters. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const first = text.split('\n')[0] as string
  return first.length > 200 ? `${first.slice(0, 200)}…` : first
}
