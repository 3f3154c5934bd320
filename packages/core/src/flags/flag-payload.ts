/**
 * Payloads: `filters.payloads["true" | <variant>]`, parsed as JSON when it is JSON text.
 */

/**
 * A flag payload as it is stored (local definitions) or answered (remote evaluation): JSON text
 * parsed, other text as it is, non-strings as they are, as posthog-node reads them. Pure.
 */
export function parseFlagPayload(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/**
 * The payload for a flag's raw value, or `undefined` when the value is `false` or there is none
 * (an empty or falsy stored payload counts as none).
 */
export function payloadFor(payloads: unknown, value: unknown): unknown {
  if (value === false || value === null || value === undefined || !payloads) return undefined
  const key = String(value)
  const stored: unknown = Object.prototype.hasOwnProperty.call(payloads, key) ? (payloads as Record<string, unknown>)[key] : undefined
  if (!stored) return undefined
  const parsed = parseFlagPayload(stored)
  return parsed === null ? undefined : parsed
}
