/**
 * Shared result type and error answers of the two wire protocols.
 */
import { jsonAnswer, type HttpAnswer } from './http-response.js'
import type { AcceptedMessage } from './recorder.js'
import type { Protocol } from './vendors.js'

/** Outcome of parsing an ingestion body. */
export type ParseResult =
  | { ok: true; messages: AcceptedMessage[]; envelope?: unknown }
  | { ok: false; answer: HttpAnswer; messageCount: number; envelope?: unknown }

/** Where a validation problem is: the index in the batch (absent for single calls) and field. */
export interface ProblemLocation {
  index?: number
  field?: string
}

/**
 * An error answer in the protocol's style: PostHog's `{type, code, detail}` or the Segment
 * family's `{code, message}`. The location, when known, is added as `index` / `field`.
 */
export function errorAnswer(
  protocol: Protocol,
  status: number,
  code: string,
  message: string,
  location: ProblemLocation = {},
): HttpAnswer {
  const base =
    protocol === 'posthog'
      ? { type: status === 401 ? 'authentication_error' : 'validation_error', code, detail: message }
      : { code, message }
  return jsonAnswer(status, { ...base, ...location })
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

/** A copy of `body` without its `batch` array, with keys masked. */
export function envelopeOf(body: Record<string, unknown>): Record<string, unknown> {
  const envelope: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key === 'batch') continue
    envelope[key] = key === 'api_key' || key === 'writeKey' ? '****' : value
  }
  return envelope
}
