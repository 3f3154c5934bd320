import type { PolytrackError } from '../errors.js'

/** A batch the vendor accepted. */
export interface DeliveredEvent {
  destination: string
  /** Messages in the batch. */
  count: number
  messageIds: string[]
  status: number
  /** Attempts it took, from 1. */
  attempts: number
  /** From the first attempt to the answer, in ms. */
  durationMs: number
}

/** A failed attempt that will be retried after `delayMs`. */
export interface RetryEvent {
  destination: string
  count: number
  /** The attempt that failed, from 1. */
  attempt: number
  delayMs: number
  status?: number
  reason: string
}

/** Messages that will never be sent, and why. */
export interface DroppedEvent {
  destination: string
  count: number
  messageIds: string[]
  /**
   * `queue-full`: over `maxQueueSize`; `spool-full`: over the spool's disk budget; `closed`: sent after `close()`; `too-large`: over this
   * vendor's per-message limit (others took it); `middleware-error`: a middleware threw;
   * `filtered`: the integrations map or a middleware left it out on purpose.
   */
  reason: 'queue-full' | 'spool-full' | 'closed' | 'too-large' | 'middleware-error' | 'filtered'
}

/** Something went wrong in the background. Never thrown into the host. */
export interface ErrorEvent {
  /** The destination concerned, when there is one. */
  destination?: string
  error: PolytrackError
  /** Messages this error lost (counted failed or dropped), if any. */
  messageIds: string[]
}

/** One HTTP attempt and its outcome. */
export interface RequestEvent {
  destination: string
  url: string
  attempt: number
  count: number
  /** Request body bytes before compression. */
  bytes: number
  /** HTTP status, absent when there was no answer. */
  status?: number
  /** `success`, `retryable`, `failed`, `too-large` or `aborted`. */
  outcome: string
  durationMs: number
}

/**
 * A destination with a spool stopped sending: a batch ran out of `maxRetries` on transient failures
 * (network, timeout, 408, 429, 5xx). Nothing is failed: its messages stay in the spool, one batch
 * probes at the capped backoff (`retryMaxDelayMs`, or `Retry-After`), and `flush()` no longer waits.
 */
export interface PausedEvent {
  destination: string
  /** The last failure, e.g. `HTTP 503` or `network error ECONNREFUSED: …`. */
  reason: string
  status?: number
}

/** A paused destination's vendor answered again: it sends its backlog. */
export interface ResumedEvent {
  destination: string
  /** How long it was paused, in ms. */
  pausedMs: number
}

/** Event name → payload. */
export interface AnalyticsEvents {
  delivered: DeliveredEvent
  retry: RetryEvent
  dropped: DroppedEvent
  error: ErrorEvent
  request: RequestEvent
  paused: PausedEvent
  resumed: ResumedEvent
}
