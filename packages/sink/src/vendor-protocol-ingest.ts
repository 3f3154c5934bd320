/**
 * Ingestion for the vendors whose protocols are neither PostHog's nor the Segment family's:
 * Amplitude and Mixpanel. Decodes the body (gzip bounded, the vendor's request limit), then hands
 * it to the vendor's own parser. No I/O besides decompression.
 */
import { parseAmplitudeBody } from './amplitude-protocol.js'
import { jsonAnswer } from './http-response.js'
import type { IngestInput, IngestResult } from './ingest-pipeline.js'
import { decodeMixpanelRecords } from './mixpanel-body.js'
import { parseMixpanelRecords, type MixpanelEndpoint } from './mixpanel-protocol.js'
import { gunzipBounded } from './read-body.js'

/** Is this vendor served by {@link evaluateVendorProtocol}? */
export function hasOwnProtocol(vendor: string): boolean {
  return vendor === 'amplitude' || vendor === 'mixpanel'
}

async function decodedText(input: IngestInput): Promise<{ ok: true; text: string } | { ok: false; result: IngestResult }> {
  let body = input.raw
  if (input.gzip) {
    const inflated = await gunzipBounded(input.raw, input.limits.batchBytes * 4)
    if (!inflated.ok) {
      const status = inflated.reason === 'too-large' ? 413 : 400
      return { ok: false, result: { answer: jsonAnswer(status, { code: status, error: inflated.reason === 'too-large' ? 'Payload too large' : 'body is not valid gzip' }), messageCount: 0 } }
    }
    body = inflated.body
  }
  if (body.length > input.limits.batchBytes) {
    return { ok: false, result: { answer: jsonAnswer(413, { code: 413, error: `body is ${body.length} bytes; the limit is ${input.limits.batchBytes}` }), messageCount: 0 } }
  }
  return { ok: true, text: body.toString('utf8') }
}

/** Runs auth, decoding and validation for one Amplitude or Mixpanel request. */
export async function evaluateVendorProtocol(input: IngestInput): Promise<IngestResult> {
  const decoded = await decodedText(input)
  if (!decoded.ok) return decoded.result
  const query = input.query ?? new URLSearchParams()
  const keys = input.keys === undefined ? {} : { keys: input.keys }
  if (input.vendor === 'amplitude') {
    let json: unknown
    try {
      json = JSON.parse(decoded.text) as unknown
    } catch {
      return { answer: jsonAnswer(400, { code: 400, error: 'Invalid JSON request body' }), messageCount: 0 }
    }
    return parseAmplitudeBody(json, { messageBytes: input.limits.messageBytes, ...keys })
  }
  const records = decodeMixpanelRecords(decoded.text, input.contentType, query)
  if (!records.ok) return { answer: jsonAnswer(400, { code: 400, error: records.error, status: 0 }), messageCount: 0 }
  return parseMixpanelRecords(records.records, {
    endpoint: (input.endpoint ?? 'import') as MixpanelEndpoint,
    format: records.format,
    query,
    messageBytes: input.limits.messageBytes,
    now: Date.now(),
    ...keys,
    ...(input.authorization === undefined ? {} : { authorization: input.authorization }),
  })
}
