/**
 * Turns a raw ingestion body into a verdict with the vendor's protocol: its pre-decoding checks,
 * decoding, then its parser. No I/O besides decompression; the caller does the reading,
 * recording and answering.
 */
import { decodeBody } from './decode-body.js'
import type { IngestVerdict, ProtocolRequest, SinkProtocol } from './sink-protocol.js'

/** A request body as read from the socket. */
export interface RawBody {
  raw: Buffer
  /** Sent with `Content-Encoding: gzip`. */
  gzip: boolean
}

/** Decodes the body and hands it to the protocol's parser (no pre-decoding checks). */
async function decodeAndParse(protocol: SinkProtocol, body: RawBody, request: ProtocolRequest): Promise<IngestVerdict> {
  const decoded = await decodeBody(body.raw, body.gzip, request.limits.batchBytes, protocol.body)
  if (!decoded.ok) return { answer: protocol.refuseBody(decoded.problem), messageCount: 0 }
  return protocol.parse(decoded.body, request)
}

/** Runs the protocol's checks, decoding and validation for one ingestion request. */
export async function evaluateIngest(protocol: SinkProtocol, body: RawBody, request: ProtocolRequest): Promise<IngestVerdict> {
  const refusal = protocol.admit?.(request)
  if (refusal !== undefined) return { answer: refusal, messageCount: 0 }
  return decodeAndParse(protocol, body, request)
}

/**
 * Best-effort description of a body (message count and envelope) for requests a fault step
 * answered: decoded and parsed as usual, without the pre-decoding checks.
 */
export async function describeBody(
  protocol: SinkProtocol,
  body: RawBody,
  request: ProtocolRequest,
): Promise<{ messageCount: number; envelope?: unknown }> {
  const { messageCount, envelope } = await decodeAndParse(protocol, body, request)
  return envelope === undefined ? { messageCount } : { messageCount, envelope }
}
