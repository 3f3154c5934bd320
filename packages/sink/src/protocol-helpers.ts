/**
 * Small pure helpers the protocol declarations share: JSON shape checks, sizes, envelopes, the
 * sink's `{code, message}` error answer and the pieces of spec views.
 */
import { bodyProblemText, type BodyProblem } from './decode-body.js'
import { jsonAnswer, type HttpAnswer } from './http-response.js'

/** Where a validation problem is: the index in the batch (absent for single calls) and field. */
export interface ProblemLocation {
  index?: number
  field?: string
}

/**
 * The sink's own error answer, `{code, message}` plus the location when known (`index`,
 * `field`). The Segment family answers in this style.
 */
export function codeMessageAnswer(status: number, code: string, message: string, location: ProblemLocation = {}): HttpAnswer {
  return jsonAnswer(status, { code, message, ...location })
}

/**
 * The answer in the `{code: <status>, error}` style (Amplitude's, Mixpanel's) to a body that
 * cannot be decoded; `invalidJson` is the error for a body that is not JSON. A body over twice the
 * batch limit (cut off while reading) gets the sink's `{code, message}` answer, as it always has.
 */
export function statusErrorBodyAnswer(problem: BodyProblem, invalidJson: string): HttpAnswer {
  switch (problem.kind) {
    case 'request-too-large': {
      const { status, code, message } = bodyProblemText(problem)
      return codeMessageAnswer(status, code, message)
    }
    case 'inflated-too-large':
      return jsonAnswer(413, { code: 413, error: 'Payload too large' })
    case 'invalid-gzip':
      return jsonAnswer(400, { code: 400, error: 'body is not valid gzip' })
    case 'over-limit':
      return jsonAnswer(413, { code: 413, error: `body is ${problem.bytes} bytes; the limit is ${problem.limit}` })
    case 'invalid-json':
      return jsonAnswer(400, { code: 400, error: invalidJson })
  }
}

/** `batch[3]` for batch items, `message` for single-call bodies. */
export function describeItem(index: number | undefined): string {
  return index === undefined ? 'message' : `batch[${index}]`
}

/** UTF-8 bytes of `JSON.stringify(value)`. */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '')
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True for a non-empty string or a finite number (the accepted shapes of user ids). */
export function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))
}

/** A copy of `body` without its `batch` array, with `api_key` and `writeKey` masked. */
export function envelopeOf(body: Record<string, unknown>): Record<string, unknown> {
  const envelope: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key === 'batch') continue
    envelope[key] = key === 'api_key' || key === 'writeKey' ? '****' : value
  }
  return envelope
}

/**
 * The Segment type `table` maps a vendor's event name to, else `'track'`. Own entries only: an
 * event named `constructor` or `toString` is a track event, not an inherited function.
 */
export function segmentTypeIn(table: Readonly<Record<string, string>>, event: string): string {
  return Object.hasOwn(table, event) ? (table[event] as string) : 'track'
}

/** A copy of `entries` without the undefined values (key order kept). */
export function definedEntries(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value
  return out
}

/** A time in seconds or milliseconds since the epoch (below 1e11: seconds), as milliseconds. */
export function epochMs(value: number): number {
  return value < 1e11 ? value * 1000 : value
}

/** A time in seconds or milliseconds since the epoch as an ISO-8601 string; undefined for anything else. */
export function isoTime(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(epochMs(value)).toISOString() : undefined
}
