/**
 * Turns a raw ingestion body into an answer and the messages to record. No I/O besides
 * decompression; the caller does the reading, recording and answering.
 */
import { basicAuthUser, isKeyAccepted } from './auth.js'
import type { HttpAnswer } from './http-response.js'
import { parsePostHogBody } from './posthog-protocol.js'
import { errorAnswer, type ParseResult } from './protocol-result.js'
import { gunzipBounded } from './read-body.js'
import type { AcceptedMessage } from './recorder.js'
import type { SegmentType } from './routes.js'
import { parseSegmentBody } from './segment-protocol.js'
import { evaluateVendorProtocol, hasOwnProtocol } from './vendor-protocol-ingest.js'
import type { VendorLimits, VendorName } from './types.js'
import { VENDORS, type Protocol } from './vendors.js'

/** Everything the pipeline needs about one request. */
export interface IngestInput {
  vendor: VendorName
  singleType?: SegmentType
  raw: Buffer
  gzip: boolean
  authorization?: string
  limits: VendorLimits
  /** Accepted keys of the vendor; any non-empty key when absent. */
  keys?: readonly string[]
  /** The route's vendor endpoint, the query string and the body's content type (vendors with protocols of their own). */
  endpoint?: string
  query?: URLSearchParams
  contentType?: string
}

/** The pipeline's verdict. `messages` is set only when the request is accepted. */
export interface IngestResult {
  answer: HttpAnswer
  messages?: AcceptedMessage[]
  messageCount: number
  envelope?: unknown
}

/** Result of {@link decodeJsonBody}. */
export type DecodeResult = { ok: true; json: unknown } | { ok: false; answer: HttpAnswer }

/** Decompresses (bounded to 4× the batch limit), enforces the batch limit and parses JSON. */
export async function decodeJsonBody(protocol: Protocol, raw: Buffer, gzip: boolean, limits: VendorLimits): Promise<DecodeResult> {
  let body = raw
  if (gzip) {
    const inflated = await gunzipBounded(raw, limits.batchBytes * 4)
    if (!inflated.ok) {
      return inflated.reason === 'too-large'
        ? { ok: false, answer: errorAnswer(protocol, 413, 'payload_too_large', 'decompressed body is too large') }
        : { ok: false, answer: errorAnswer(protocol, 400, 'invalid_gzip', 'body is not valid gzip') }
    }
    body = inflated.body
  }
  if (body.length > limits.batchBytes) {
    const message = `body is ${body.length} bytes; the limit is ${limits.batchBytes}`
    return { ok: false, answer: errorAnswer(protocol, 413, 'payload_too_large', message) }
  }
  try {
    return { ok: true, json: JSON.parse(body.toString('utf8')) as unknown }
  } catch (error) {
    return { ok: false, answer: errorAnswer(protocol, 400, 'invalid_json', `body is not valid JSON: ${(error as Error).message}`) }
  }
}

function fromParse(result: ParseResult, success: HttpAnswer): IngestResult {
  const verdict: IngestResult = result.ok
    ? { answer: success, messages: result.messages, messageCount: result.messages.length }
    : { answer: result.answer, messageCount: result.messageCount }
  if (result.envelope !== undefined) verdict.envelope = result.envelope
  return verdict
}

/** Parses an already-decoded body with the vendor's protocol. Pure. */
export function parseIngestJson(input: IngestInput, json: unknown): ParseResult {
  const spec = VENDORS[input.vendor]
  const common = { messageBytes: input.limits.messageBytes, oversizeMessageStatus: spec.oversizeMessageStatus }
  if (spec.protocol === 'posthog') {
    return parsePostHogBody(json, input.keys === undefined ? common : { ...common, keys: input.keys })
  }
  return parseSegmentBody(json, input.singleType === undefined ? common : { ...common, singleType: input.singleType })
}

/** Runs auth, decoding and validation for one ingestion request. */
export async function evaluateIngest(input: IngestInput): Promise<IngestResult> {
  if (hasOwnProtocol(input.vendor)) return evaluateVendorProtocol(input)
  const spec = VENDORS[input.vendor]
  if (spec.protocol === 'segment' && !isKeyAccepted(basicAuthUser(input.authorization), input.keys)) {
    return { answer: errorAnswer('segment', 401, 'unauthorized', 'Invalid write key'), messageCount: 0 }
  }
  const decoded = await decodeJsonBody(spec.protocol, input.raw, input.gzip, input.limits)
  if (!decoded.ok) return { answer: decoded.answer, messageCount: 0 }
  const success: HttpAnswer = { status: 200, ...spec.success }
  return fromParse(parseIngestJson(input, decoded.json), success)
}

/** Best-effort description of a body (message count and envelope) for requests a fault answered. */
export async function describeBody(input: IngestInput): Promise<{ messageCount: number; envelope?: unknown }> {
  if (hasOwnProtocol(input.vendor)) {
    const verdict = await evaluateVendorProtocol(input)
    return verdict.envelope === undefined ? { messageCount: verdict.messageCount } : { messageCount: verdict.messageCount, envelope: verdict.envelope }
  }
  const decoded = await decodeJsonBody(VENDORS[input.vendor].protocol, input.raw, input.gzip, input.limits)
  if (!decoded.ok) return { messageCount: 0 }
  const parsed = parseIngestJson(input, decoded.json)
  const messageCount = parsed.ok ? parsed.messages.length : parsed.messageCount
  return parsed.envelope === undefined ? { messageCount } : { messageCount, envelope: parsed.envelope }
}
