/**
 * The contract of a wire protocol: one {@link SinkProtocol} object per protocol (PostHog capture,
 * the Segment family's batch API, Amplitude, Mixpanel), each in its own `*-protocol.ts` file.
 * Vendors name the protocol they speak in their declaration (`vendors.ts`); routing, ingestion,
 * the inspector's spec view and the event stream read everything protocol-specific from here.
 * This file has no runtime code.
 */
import type { BodyForm, BodyProblem } from './decode-body.js'
import type { HttpAnswer } from './http-response.js'
import type { SegmentType } from './segment-spec.js'

/** Size limits applied to one vendor's ingestion requests. */
export interface VendorLimits {
  /** Largest accepted message: UTF-8 bytes of `JSON.stringify(message)`. */
  messageBytes: number
  /** Largest accepted request body: bytes of the (decompressed) JSON body. */
  batchBytes: number
}

/**
 * One vendor-relative path of a protocol. `methods` are the HTTP methods it takes (any other
 * method is answered 405 with `Allow: <methods joined by ", ">`).
 */
export type ProtocolRoute =
  | {
      /** An ingestion route: its requests are parsed by {@link SinkProtocol.parse} and recorded. */
      kind: 'ingest'
      methods: readonly string[]
      /** The vendor endpoint, passed to the parser (Mixpanel: `import`, `track`, …). */
      endpoint?: string
      /** The message type a single-call route implies (the Segment family's `/v1/track`, …). */
      singleType?: SegmentType
    }
  | {
      /** One of PostHog's feature-flag routes, served by the flag handler. */
      kind: 'flags'
      methods: readonly string[]
      endpoint: 'definitions' | 'remote'
    }

/** A validated message, ready to be recorded. */
export interface AcceptedMessage {
  /** Segment type the message stands for. */
  type: string
  /** The message's id (`messageId`, `uuid`, `insert_id`, …); `''` when it has none. */
  id: string
  /** The user the message is about, as a string. */
  userId?: string
  /** What the sink records and shows as the vendor payload. */
  payload: unknown
}

/** Everything a protocol's checks and parser learn about one ingestion request besides its body. */
export interface ProtocolRequest {
  /** From the matched {@link ProtocolRoute}. */
  endpoint?: string
  /** From the matched {@link ProtocolRoute}. */
  singleType?: SegmentType
  /** The `Authorization` header, as sent. */
  authorization?: string
  /** The `Content-Type` header, as sent. */
  contentType?: string
  /** The query string. */
  query: URLSearchParams
  /** Keys the sink accepts for this vendor (`SinkOptions.keys`); any non-empty key when absent. */
  keys?: readonly string[]
  /** The vendor's effective limits (its declaration, overridden by `SinkOptions.limits`). */
  limits: VendorLimits
  /** The vendor's status for a message over `limits.messageBytes` (its declaration). */
  oversizeMessageStatus: number
  /** The vendor's plain success answer (its declaration). */
  success: HttpAnswer
  /** When the request arrived, in ms since the epoch. */
  now: number
}

/**
 * A protocol's verdict on one request: the answer, and the messages to record (set only when
 * some are accepted; a partial success may record some and still answer 4xx).
 */
export interface IngestVerdict {
  answer: HttpAnswer
  messages?: AcceptedMessage[]
  /** Messages in the body (0 when it could not be parsed). */
  messageCount: number
  /** What the request's record keeps of the body besides its messages; credentials masked. */
  envelope?: unknown
}

/** The facts of a recorded message a spec view may use besides its item. */
export interface SpecSource {
  type: string
  id: string
  userId?: string
}

/**
 * A wire protocol the sink speaks. Implementations are plain objects with pure functions: no I/O,
 * no clock (the request carries `now`), no state.
 *
 * Processing order of a request (the ingest handler's): read the body (over 2× the batch limit →
 * `refuseBody({kind: 'request-too-large'})`) → {@link admit} → decode ({@link body}: gunzip, batch
 * limit, JSON) → on a problem {@link refuseBody} → {@link parse} → record the verdict's messages →
 * answer the verdict's answer.
 *
 * @typeParam Name - the protocol's name, as `VENDORS[vendor].protocol` reports it.
 */
export interface SinkProtocol<Name extends string = string> {
  /** The protocol's name (`'segment'`, `'posthog'`, …). */
  readonly name: Name
  /**
   * Vendor-relative paths without a trailing slash (`'/v1/batch'`) → route. Served under
   * `/<vendor>` for every vendor speaking the protocol, and unprefixed for vendors declared
   * `unprefixed`; trailing slashes in requests are ignored.
   */
  readonly routes: Readonly<Record<string, ProtocolRoute>>
  /** Whether {@link parse} receives the body parsed as JSON or as UTF-8 text. */
  readonly body: BodyForm
  /**
   * Checks made before the body is decoded (the Segment family's Basic-auth key): an answer
   * refuses the request with nothing recorded; undefined lets it through. Optional.
   */
  admit?(request: ProtocolRequest): HttpAnswer | undefined
  /** The answer to a body that cannot be decoded, in the protocol's error style. */
  refuseBody(problem: BodyProblem): HttpAnswer
  /**
   * Checks the key (when it travels in the body), validates the body and decides the answer.
   * The payloads and envelope it returns are what the sink records: mask credentials that the
   * inspector's generic masking (`SECRET_KEYS`) would not find. Also called for requests a fault
   * step answers, to count their messages. Pure.
   */
  parse(body: unknown, request: ProtocolRequest): IngestVerdict
  /**
   * The Segment-spec view of one recorded item (a JSON object), shown by the inspector beside the
   * vendor payload: type, user id, event or name, properties or traits… best effort. Pure.
   */
  specView(message: SpecSource, item: Record<string, unknown>): Record<string, unknown>
}
