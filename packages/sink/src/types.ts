/**
 * Public types of the sink. This file has no runtime code.
 *
 * @packageDocumentation
 */

import type { FlagDefinitionsPayload, FlagOptions } from './flag-types.js'
import type { VendorLimits } from './sink-protocol.js'
import type { VendorName } from './vendors.js'

export type { VendorLimits, VendorName }

/**
 * A fault queue: one vendor's (its ingestion routes, plus the flag routes for `'posthog'`),
 * `'posthog-flags'` (only PostHog's flag routes) or `'*'` (any request not served by another queue).
 */
export type FaultTarget = VendorName | 'posthog-flags' | '*'

/** Options for {@link startSink}. */
export interface SinkOptions {
  /** Port to listen on. Default `0` (a random free port). */
  port?: number
  /**
   * Interface to bind. Default `'127.0.0.1'`. Requests must name a loopback host (or this one)
   * with the sink's port in their `Host` header, and carry no foreign `Origin` (see the README's
   * Security section).
   */
  host?: string
  /**
   * Accepted keys per vendor. When a vendor has a list, only those keys are accepted (else 401);
   * when it has none, any non-empty key is accepted.
   */
  keys?: Partial<Record<VendorName, string[]>>
  /**
   * How many full messages are kept in memory (ring buffer, oldest evicted). Default `200_000`.
   * Counters and messageId de-duplication always cover every message.
   */
  maxRecorded?: number
  /** How many requests are kept in memory (ring buffer). Default `10_000`. */
  maxRequests?: number
  /** Per-vendor overrides of the default size limits. */
  limits?: Partial<Record<VendorName, VendorLimits>>
  /** Log one line per ingestion request to stdout. Default `false`. */
  log?: boolean
  /** What PostHog's feature-flag endpoints serve (`/flags/definitions`, `/flags`). */
  flags?: FlagOptions
}

/** Answer the request with this status and do not record its messages. */
export interface StatusFault {
  status: number
  /** Sent as the `Retry-After` header: seconds (number) or an HTTP-date (string). */
  retryAfter?: number | string
  /** Response body. Default: a small JSON error object. */
  body?: string
}

/** Destroy the socket without answering (after the request body has been read). */
export interface DropFault {
  drop: true
}

/** Wait before handling; then apply `then`, or handle normally when it is absent. */
export interface DelayFault {
  delayMs: number
  then?: FaultStep
}

/** Handle the request normally. */
export interface PassFault {
  pass: true
}

/** One scripted reaction to one incoming ingestion request. */
export type FaultStep = StatusFault | DropFault | DelayFault | PassFault

/** A message the sink accepted. */
export interface RecordedMessage {
  vendor: VendorName
  /** Global arrival order, starting at 1. */
  seq: number
  /** Id of the request that carried the message (see {@link RecordedRequest.id}). */
  requestId: number
  /** ISO-8601 time the request arrived. */
  receivedAt: string
  /**
   * Segment type. For PostHog the event name mapped back: `$identify`→`identify`,
   * `$create_alias`→`alias`, `$groupidentify`→`group`, `$pageview`→`page`, `$screen`→`screen`,
   * anything else `track`.
   */
  type: string
  /** `messageId` (Segment family) or `uuid` (PostHog; `''` when absent). */
  id: string
  /** `userId` (Segment family) or `distinct_id` (PostHog), as a string. */
  userId?: string
  /** The message exactly as received (the parsed JSON item). */
  payload: unknown
}

/** An ingestion request the sink answered (or dropped). */
export interface RecordedRequest {
  /** Request id, starting at 1, assigned on arrival. */
  id: number
  vendor: VendorName
  method: string
  path: string
  /** Request headers; the `authorization` value is masked (`'Basic ****'`). */
  headers: Record<string, string>
  /** Status answered; `0` when the request was dropped or the client went away. */
  status: number
  /** Body bytes on the wire (compressed size for gzip bodies). */
  bytes: number
  gzip: boolean
  /** Messages in the body (0 when it could not be parsed). */
  messageCount: number
  /** ISO-8601 time the request arrived. */
  receivedAt: string
  /** The parsed envelope without the `batch` array, keys masked (batch routes only). */
  body?: unknown
  /**
   * `'flags'` for PostHog feature-flag requests (`/flags/definitions`, `/flags`); absent for
   * ingestion requests. Flag requests carry no messages and are not counted in {@link SinkStats}.
   */
  kind?: 'flags'
}

/** Counters for one vendor (or all of them). */
export interface VendorStats {
  /** Ingestion requests received. */
  requests: number
  /** Messages recorded. */
  accepted: number
  /** Requests not answered with a 2xx (including dropped and aborted ones). */
  rejectedRequests: number
  /** Requests per outcome: the status code as a string, or `'drop'` / `'aborted'`. */
  statuses: Record<string, number>
  /** Request body bytes on the wire. */
  bytes: number
  gzipRequests: number
  /** Distinct message ids recorded. */
  uniqueIds: number
  /** Recorded messages whose id had already been seen for that vendor. */
  duplicates: number
  /** Recorded messages per type. */
  byType: Record<string, number>
}

/** A snapshot of the sink's counters. */
export interface SinkStats {
  total: VendorStats
  byVendor: Partial<Record<VendorName, VendorStats>>
}

/** Filter for {@link Sink.messages}. */
export interface MessageFilter {
  vendor?: VendorName
  type?: string
  userId?: string
}

/** Filter for {@link Sink.requests}. */
export interface RequestFilter {
  vendor?: VendorName
  /** `'ingest'`: ingestion requests only; `'flags'`: feature-flag requests only. Default: both. */
  kind?: 'ingest' | 'flags'
}

/** A running sink. */
export interface Sink {
  /** Base URL, e.g. `'http://127.0.0.1:54321'`. */
  url: string
  port: number
  /** Base URL an adapter uses as its host, e.g. `${url}/rudderstack`. */
  urlFor(vendor: VendorName): string
  /** URL of the live inspector page, e.g. `'http://127.0.0.1:54321/'`. */
  inspectorUrl: string
  /** Recorded messages in arrival order (bounded by `maxRecorded`). */
  messages(filter?: MessageFilter): RecordedMessage[]
  /** Recent requests in arrival order (bounded by `maxRequests`). */
  requests(filter?: RequestFilter): RecordedRequest[]
  /** Counters of everything received so far (not bounded by `maxRecorded`). */
  stats(): SinkStats
  /** Clears records, counters and pending faults. */
  reset(): void
  /**
   * Appends scripted steps. Each incoming ingestion request for that vendor consumes the next
   * step; the `'*'` queue is consulted when the vendor's own queue is empty. PostHog's flag
   * routes consume from `'posthog-flags'` first, then `'posthog'`, then `'*'`.
   */
  inject(vendor: FaultTarget, ...steps: FaultStep[]): void
  /** Replaces the flag definitions served by `/flags/definitions` (the ETag changes with them). */
  setFlagDefinitions(payload: FlagDefinitionsPayload): void
  /** Stops listening and destroys open sockets; cancels pending delays. */
  close(): Promise<void>
}
