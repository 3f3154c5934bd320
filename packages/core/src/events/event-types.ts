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

/** Event name → payload. */
export interface AnalyticsEvents {
  delivered: DeliveredEvent
  retry: RetryEvent
  dropped: DroppedEvent
  error: ErrorEvent
  request: RequestEvent
}
