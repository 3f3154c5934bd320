import type { FlagSource } from './flag-client/flag-source.js'
import type { Message } from './spec/message.js'

/** What a vendor accepts. The batcher never builds a request that breaks these. */
export interface DestinationLimits {
  /** Largest encoded message, in UTF-8 bytes. Larger calls throw a `ValidationError`. */
  messageBytes: number
  /** Largest request body before compression, in UTF-8 bytes. */
  batchBytes: number
  /** Most messages in one request. */
  batchMessages: number
  /** Bytes the envelope adds around the items (`{"batch":[…],"sentAt":"…"}`). Default 256. */
  envelopeBytes?: number
  /** Bytes `buildRequest` adds to each item beyond its encoded form (e.g. a per-message `sentAt`). Default 0. */
  itemOverheadBytes?: number
}

/**
 * Pipeline settings an adapter may default differently, where its vendor's SDK does (durations in
 * ms). The names before the `Ms` suffix are still read, with a deprecation warning.
 */
export interface DestinationDefaults {
  flushAt?: number
  flushIntervalMs?: number
  maxQueueSize?: number
  maxRetries?: number
  httpTimeoutMs?: number
  /** @deprecated Use `flushIntervalMs`. Removed in the next release. */
  flushInterval?: number
  /** @deprecated Use `httpTimeoutMs`. Removed in the next release. */
  httpTimeout?: number
}

/** One HTTP request, as an adapter describes it. The core adds compression, sends and retries. */
export interface HttpRequest {
  url: string
  /** Headers, without `Content-Encoding`/`Content-Length` (the transport sets them). */
  headers: Record<string, string>
  /** The JSON body. */
  body: string
  /** Gzip the body and send `Content-Encoding: gzip`. */
  gzip: boolean
}

/** What the client knows of a call beyond the message itself, for adapters that need it. */
export interface EncodeContext {
  /** When the call was made (ISO-8601), whatever `timestamp` says. */
  callTime: string
  /** Whether the caller gave `timestamp` (a backfill) rather than leaving it to the call time. */
  timestampGiven: boolean
  /**
   * The message's own JSON text (`JSON.stringify(message)`), computed at most once per call and
   * shared by every destination of a multiplex that encodes the same message object. Adapters whose
   * item is the message plus a few members use it rather than serializing the message again (see
   * `messageJsonOf`). Absent when `encode` is called directly.
   */
  messageJson?(message: Message): string
}

/**
 * What a vendor's answer says item by item (see `Destination.interpretAnswer`). Items listed in
 * neither array were accepted.
 */
export interface ItemVerdicts {
  /** Indexes of items refused for good: counted failed and reported, never sent again. */
  refused?: readonly number[]
  /** Indexes of items to send again (not accepted this time, e.g. throttled): retried like a batch. */
  retry?: readonly number[]
  /** The least wait before sending `retry` again, in ms. */
  retryAfterMs?: number
  /** What the vendor said, for the `error` event of refused items (secrets are masked by the core). */
  reason?: string
}

/**
 * How a destination takes part in routing by the Segment `integrations` map:
 * a `tool` (e.g. PostHog) receives a message unless the map turns it off; a `pipeline`
 * (a CDP such as RudderStack) routes downstream by the map itself, so it receives every message
 * unless it is opted out by its own pipeline key.
 */
export type DestinationKind = 'tool' | 'pipeline'

/** The version of the {@link Destination} contract this core implements. */
export const SPECIFICATION_VERSION = 'v1'

/**
 * An adapter: pure translation from Segment-spec messages to one vendor's HTTP requests.
 * It knows the vendor's paths, auth, body shape and limits, and nothing about queues,
 * retries or sockets, which the core owns.
 */
export interface Destination {
  /**
   * The version of this contract the adapter was written for: `'v1'`. A client refuses (with a
   * `ConfigError`) an adapter written for another version; an adapter without it is taken as `'v1'`.
   */
  readonly specificationVersion: typeof SPECIFICATION_VERSION
  /** Short stable name used in events and reports, e.g. `rudderstack`. */
  readonly name: string
  /** Role in integrations-map routing. */
  readonly kind: DestinationKind
  /** Names this destination answers to in the integrations map (matched case-insensitively). */
  readonly integrationNames: readonly string[]
  /** The vendor's limits. */
  readonly limits: DestinationLimits
  /** Settings that differ from the core's defaults for this vendor. */
  readonly defaults?: DestinationDefaults
  /** Values that must never appear in errors or events (write keys): masked as `****`. */
  readonly secrets: readonly string[]
  /** Translates one message into the JSON text of one item of the vendor's batch. Pure. */
  encode(message: Message, context: EncodeContext): string
  /**
   * Whether this destination has an item for `message`; a message it declines is left out for it
   * (counted `filtered`, as if a middleware had left it out) without being copied or encoded. For
   * adapters made of several lanes (a destination set), each lane serving one vendor endpoint, e.g.
   * events on one and profile updates on another. Absent: every routed message is taken. Pure.
   * Consulted when a client has several lanes; a client with one lane sends it every routed message.
   */
  accepts?(message: Message): boolean
  /** Builds one request from encoded items. Called again for each retry with a new `sentAt`. Pure. */
  buildRequest(items: readonly string[], context: { sentAt: string }): HttpRequest
  /**
   * Reads an answer that concerns only part of a batch: a vendor that refuses some items and takes
   * (or asks again for) the others, such as Amplitude's 400 listing invalid events or Mixpanel's
   * strict-mode `failed_records`. Called for every answer with a status; return `undefined` to let
   * the status decide for the whole batch (the default), or an {@link ItemVerdicts}. `items` are
   * the batch's encoded items, in order. Pure.
   */
  interpretAnswer?(answer: { status: number; body: string | undefined }, items: readonly string[]): ItemVerdicts | undefined
  /** Feature flags this vendor provides (e.g. PostHog's), used when the client has no explicit `flags`. */
  readonly flags?: FlagSource
}
